package dev.hotplex.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Warm turns through the Claude Agent SDK for TypeScript: {@code sdk-turns.mjs} keeps one streaming-input session
 * (one CLI process) and times each turn itself, from handing the prompt to the SDK to the result message. The CLI
 * gets the same executable, environment and working directory as hotplex's agent.
 */
final class SdkDriver implements TurnDriver {
  static final String SCRIPT = "sdk-turns.mjs";

  private final Process node;
  private final OutputStream stdin;
  private final BufferedReader stdout;

  /**
   * @param sdkDir the folder holding {@value #SCRIPT} and its installed {@code node_modules}
   * @throws IOException when the SDK is not installed or node cannot start
   */
  SdkDriver(Path sdkDir, AgentCommand hotplexAgent) throws IOException {
    sdkDir = sdkDir.toAbsolutePath();
    Path sdkPackage = sdkDir.resolve("node_modules/@anthropic-ai/claude-agent-sdk/package.json");
    if (!Files.isRegularFile(sdkPackage)) {
      throw new IOException("the Claude Agent SDK is not installed in " + sdkDir + ": run scripts/bench (it runs"
          + " npm ci there), or npm ci --omit=optional in that folder");
    }
    ProcessBuilder builder = new ProcessBuilder(List.of("node", sdkDir.resolve(SCRIPT).toString(),
        hotplexAgent.argv().get(0), hotplexAgent.workDir().toString()))
        .directory(sdkDir.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().clear();
    builder.environment().putAll(hotplexAgent.environment());
    this.node = builder.start();
    this.stdin = node.getOutputStream();
    this.stdout = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The installed SDK version, read from its package.json. */
  static Optional<String> installedVersion(Path sdkDir) {
    try {
      JsonNode pkg = StreamJsonClient.JSON.readTree(
          sdkDir.resolve("node_modules/@anthropic-ai/claude-agent-sdk/package.json").toFile());
      return Optional.of(pkg.path("version").asText());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public long turn(String prompt) throws IOException {
    stdin.write((prompt + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    String line = stdout.readLine();
    if (line == null) {
      throw new IOException("the SDK driver (node pid " + node.pid() + ") exited; see its stderr above");
    }
    JsonNode turn = StreamJsonClient.JSON.readTree(line);
    if (!turn.path("ok").asBoolean() || !("ECHO: " + prompt).equals(turn.path("text").asText())) {
      throw new IOException("the SDK turn failed or answered something else: " + line);
    }
    return Long.parseLong(turn.path("ns").asText());
  }

  /** The CLI process the SDK started (node's child). */
  Optional<ProcessHandle> cliProcess() {
    return node.children().findFirst();
  }

  @Override
  public void close() {
    StreamJsonClient.stop(node);
  }
}
