package dev.hotplex.testkit.fakecli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeAgentCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INITIALIZE =
      "{\"type\":\"control_request\",\"request_id\":\"init_1\",\"request\":{\"subtype\":\"initialize\"}}";

  @TempDir Path dir;

  private static String user(String text) {
    return "{\"type\":\"user\",\"session_id\":\"\",\"parent_tool_use_id\":null,\"message\":{\"role\":\"user\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}}";
  }

  /** Runs the launcher's script with {@code input} on stdin, returning stdout as JSON messages and the exit code. */
  private Run run(FakeAgentCli.Mode mode, List<String> args, String... input) throws Exception {
    List<String> command = new ArrayList<>(List.of(FakeCliLauncher.write(dir, mode).toString()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile()).start();
    process.getOutputStream().write((String.join("\n", input) + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    List<JsonNode> messages = new ArrayList<>();
    for (String line : new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        messages.add(JSON.readTree(line));
      }
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(messages, process.exitValue(), Files.readString(dir.resolve("stderr.txt")));
  }

  private record Run(List<JsonNode> messages, int exitCode, String stderr) {
    List<String> types() {
      return messages.stream().map(m -> m.path("type").asText()).toList();
    }
  }

  @Test
  void normalTurnSpeaksTheStreamJsonShapes() throws Exception {
    Run run = run(FakeAgentCli.Mode.NORMAL, List.of("--resume", "conv-1"), INITIALIZE, user("hello"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.types()).containsExactly("control_response", "system", "assistant", "result");
    assertThat(run.messages().get(0).path("response").path("request_id").asText()).isEqualTo("init_1");
    assertThat(run.messages().get(1).path("session_id").asText()).isEqualTo("conv-1");
    assertThat(run.messages().get(2).path("message").path("content").get(0).path("text").asText())
        .isEqualTo("ECHO: hello");
    JsonNode result = run.messages().get(3);
    assertThat(result.path("is_error").asBoolean()).isFalse();
    assertThat(result.path("num_turns").asInt()).isEqualTo(1);
    assertThat(result.path("session_id").asText()).isEqualTo("conv-1");
  }

  @Test
  void exitAtStartPrintsToStderrAndExitsThree() throws Exception {
    Run run = run(FakeAgentCli.Mode.EXIT_AT_START, List.of(), user("hello"));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.messages()).isEmpty();
    assertThat(run.stderr()).contains("simulated start-up failure");
  }

  @Test
  void promptPrefixChoosesTheModeOfOneTurn() throws Exception {
    Run run = run(FakeAgentCli.Mode.NORMAL, List.of(), user("MODE:crash-mid-turn go"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.types()).containsExactly("system");
    assertThat(run.stderr()).contains("simulated crash");
  }

  @Test
  void scriptIsExecutableAndRunsTheFakeInItsMode() throws IOException {
    Path script = FakeCliLauncher.write(dir, FakeAgentCli.Mode.HUGE_LINE);

    assertThat(Files.isExecutable(script)).isTrue();
    assertThat(Files.readString(script)).startsWith("#!/bin/sh\nexec ").contains("FakeAgentCli --mode huge-line");
  }
}
