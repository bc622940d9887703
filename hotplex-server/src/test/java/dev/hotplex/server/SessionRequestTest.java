package dev.hotplex.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotplex.event.EventJson;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import dev.hotplex.session.SessionOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionRequestTest {
  private static final SessionOptions DEFAULTS = SessionOptions.builder().agentHome(Path.of("/tmp/agent-home"))
      .build();

  private static SessionRequest parse(String json) throws Exception {
    return SessionRequest.parse(EventJson.mapper().readTree(json), DEFAULTS);
  }

  private static ToolCall shell(String command) {
    return new ToolCall("claude", "Bash", "t1", ToolKind.SHELL, command, List.of(), List.of(), null, Path.of("/ws"));
  }

  @Test
  void requestedToolPatternsDecideToolCallsNotTheDefaults() throws Exception {
    SessionRequest request = parse("{\"workDir\":\"/ws\",\"allowedTools\":[\"Bash(ls:*)\"],"
        + "\"disallowedTools\":[\"Bash(ls -la:*)\"]}");

    assertThat(request.options().permissionHandler().decide(shell("ls -1")))
        .isInstanceOf(PermissionDecision.Allow.class);
    assertThat(request.options().permissionHandler().decide(shell("ls -la /")))
        .isInstanceOf(PermissionDecision.Deny.class);
    assertThat(request.options().permissionHandler().decide(shell("rm -rf /")))
        .isInstanceOf(PermissionDecision.Deny.class);
  }

  @Test
  void allowedToolStillHasToPassTheWorkspaceJail() throws Exception {
    SessionRequest request = parse("{\"workDir\":\"/ws\",\"allowedTools\":[\"Read\"]}");
    ToolCall inside = new ToolCall("claude", "Read", "t2", ToolKind.READ, null, List.of("/ws/README.md"), List.of(),
        null, Path.of("/ws"));
    ToolCall outside = new ToolCall("claude", "Read", "t3", ToolKind.READ, null, List.of("/etc/shadow"), List.of(),
        null, Path.of("/ws"));

    assertThat(request.options().permissionHandler().decide(inside)).isInstanceOf(PermissionDecision.Allow.class);
    assertThat(request.options().permissionHandler().decide(outside)).isInstanceOf(PermissionDecision.Deny.class);
  }

  @Test
  void fieldsMapOntoTheDaemonsDefaults() throws Exception {
    SessionRequest request = parse("{\"name\":\"n\",\"scope\":\"s\",\"workDir\":\"/ws\",\"model\":\"m\","
        + "\"maxTurns\":3,\"timeout\":90,\"baseUrl\":\"http://127.0.0.1:1\"}");

    assertThat(request.name()).isEqualTo("n");
    assertThat(request.scope()).isEqualTo("s");
    assertThat(request.options().workDir()).isEqualTo(Path.of("/ws"));
    assertThat(request.options().model()).isEqualTo("m");
    assertThat(request.options().maxTurns()).isEqualTo(3);
    assertThat(request.options().turnTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(request.options().agentHome()).isEqualTo(Path.of("/tmp/agent-home"));
    assertThat(parse("{\"workDir\":\"/ws\",\"timeout\":\"PT10M\"}").options().turnTimeout())
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void badInputIsRejectedWithWhatToFix() {
    assertThatThrownBy(() -> parse("{}")).hasMessageContaining("'workDir' is required");
    assertThatThrownBy(() -> parse("{\"workDir\":\"rel/dir\"}")).hasMessageContaining("absolute");
    assertThatThrownBy(() -> parse("{\"workDir\":\"/ws\",\"cliPath\":\"/bin/sh\"}"))
        .hasMessageContaining("Unknown field 'cliPath'");
    assertThatThrownBy(() -> parse("{\"workDir\":\"/ws\",\"allowedTools\":\"Read\"}"))
        .hasMessageContaining("array of strings");
    assertThatThrownBy(() -> parse("{\"workDir\":\"/ws\",\"timeout\":\"soon\"}")).hasMessageContaining("PT10M");
    assertThatThrownBy(() -> parse("{\"workDir\":\"/ws\",\"allowedTools\":[\"Bash(\"]}"))
        .isInstanceOf(Http.ApiException.class);
  }
}
