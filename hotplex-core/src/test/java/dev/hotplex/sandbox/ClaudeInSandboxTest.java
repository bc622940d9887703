package dev.hotplex.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hotplex.sandbox.SandboxProcesses.Run;
import dev.hotplex.testkit.RealAgents;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Claude Code CLI runs inside the sandbox with only its workspace and a temp HOME writable. */
class ClaudeInSandboxTest {
  @TempDir Path workspace;
  @TempDir Path agentHome;
  private Path claude;
  private Sandbox sandbox;

  @BeforeEach
  void requireClaudeAndBwrap() {
    SandboxProcesses.assumeBwrapWorks();
    assumeTrue(RealAgents.claude().isPresent(), RealAgents.NOT_INSTALLED);
    claude = RealAgents.claude().orElseThrow();
    String agentsDir = System.getProperty("hotplex.agents.dir");
    // Bound read-only so that an agents dir under the host's /tmp stays visible behind the private /tmp.
    sandbox = Sandboxes.forMode(SandboxMode.REQUIRED,
        BwrapSandbox.builder().addReadOnlyBind(Path.of(agentsDir)));
  }

  private Map<String, String> agentEnv() {
    Map<String, String> env = new HashMap<>(Map.of("HOME", agentHome.toString(), "DISABLE_AUTOUPDATER", "1",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1", "DISABLE_TELEMETRY", "1", "DISABLE_ERROR_REPORTING", "1"));
    env.put("ANTHROPIC_API_KEY", "fake-key-for-tests");
    return env;
  }

  @Test
  void claudeVersionRunsInsideTheSandbox() throws Exception {
    Run run = SandboxProcesses.run(sandbox.wrap(List.of(claude.toString(), "--version"), workspace,
        List.of(agentHome)), agentEnv());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("Claude Code");
  }

  @Test
  void claudePromptReachesLoopbackModelFromInsideTheSandbox() throws Exception {
    HttpServer model = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    model.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] body = streamedReply("hello from the sandbox").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("content-type", "text/event-stream");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    model.start();
    try {
      Map<String, String> env = agentEnv();
      env.put("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + model.getAddress().getPort());

      Run run = SandboxProcesses.run(sandbox.wrap(List.of(claude.toString(), "-p", "say hi", "--output-format",
          "json"), workspace, List.of(agentHome)), env);

      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output()).contains("\"result\":\"hello from the sandbox\"", "\"is_error\":false");
      assertThat(agentHome.resolve(".claude")).isDirectory();
    } finally {
      model.stop(0);
    }
  }

  /** The smallest Anthropic Messages SSE stream: one text block. */
  private static String streamedReply(String text) {
    return event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"model\":\"claude-fake\",\"content\":[],\"stop_reason\":null,"
        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}")
        + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
        + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}")
        + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
        + event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":5}}")
        + event("message_stop", "{\"type\":\"message_stop\"}");
  }

  private static String event(String name, String json) {
    return "event: " + name + "\ndata: " + json + "\n\n";
  }
}
