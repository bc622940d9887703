package dev.hotplex.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Replays the recorded wire transcripts of the real {@code codex app-server} 0.169.0 through {@link CodexProtocol}. */
class CodexProtocolTranscriptTest {
  static final Path WORK_DIR = Path.of("/workspace/project");
  static final CodexThreadSettings THREAD = new CodexThreadSettings(WORK_DIR, "untrusted", "danger-full-access",
      null, null, null, false);
  private static final String ALLOW_THREAD = "01a20c54-0bcd-7ab0-98ef-fe3deaad1d14";

  private static CodexPeer replay(String transcript, PermissionDecision decision) {
    CodexPeer peer = new CodexPeer(decision);
    CodexTranscript.load(transcript).replay(new CodexProtocol(peer, THREAD), peer);
    return peer;
  }

  @Test
  void allowedCommandIsAcceptedAndBothTurnsEndWithTheirOwnResult() {
    CodexPeer peer = replay("codex_app_server_allow", PermissionDecision.allow());

    assertThat(peer.results).hasSize(2).allSatisfy(result -> {
      assertThat(result.success()).isTrue();
      assertThat(result.errorMessage()).isNull();
      assertThat(result.agentSessionId()).isEqualTo(ALLOW_THREAD);
      assertThat(result.costUsd()).isZero();
    });
    assertThat(peer.results.get(0).text()).startsWith("DONE: tool finished (");
    assertThat(peer.results.get(1).text()).isEqualTo("ECHO: second question");
    assertThat(peer.events).noneMatch(TurnResult.class::isInstance);
    assertThat(peer.eventsOf(AgentEvents.Init.class)).hasSize(2).allSatisfy(init -> {
      assertThat(init.agentSessionId()).isEqualTo(ALLOW_THREAD);
      assertThat(init.model()).isEqualTo("fake-model");
      assertThat(init.permissionMode()).isEqualTo("untrusted");
    });
  }

  @Test
  void usageCountsEveryModelCallOfTheTurnOnly() {
    CodexPeer peer = replay("codex_app_server_allow", PermissionDecision.allow());

    TurnResult withTool = peer.results.get(0);
    TurnResult plain = peer.results.get(1);
    assertThat(withTool.numTurns()).isEqualTo(2);
    assertThat(withTool.usage().inputTokens()).isEqualTo(200);
    assertThat(withTool.usage().outputTokens()).isEqualTo(40);
    assertThat(plain.numTurns()).isEqualTo(1);
    assertThat(plain.usage().inputTokens()).isEqualTo(100);
    assertThat(plain.usage().outputTokens()).isEqualTo(20);
  }

  @Test
  void commandApprovalBecomesAShellCallWithTheScriptInsideTheShellInvocation() {
    CodexPeer peer = replay("codex_app_server_allow", PermissionDecision.allow());

    ToolCall call = peer.permissionRequests.get(0);
    assertThat(peer.permissionRequests).hasSize(1);
    assertThat(call.provider()).isEqualTo("codex");
    assertThat(call.toolName()).isEqualTo("exec_command");
    assertThat(call.kind()).isEqualTo(ToolKind.SHELL);
    assertThat(call.command()).isEqualTo("echo hello > out.txt");
    assertThat(call.input().path("command").asText()).isEqualTo("/bin/bash -lc 'echo hello > out.txt'");
    assertThat(call.toolUseId()).isEqualTo("call_2e22918cf6");
    assertThat(call.cwd()).isEqualTo(WORK_DIR);
    assertThat(peer.eventsOf(AgentEvents.ToolUse.class)).singleElement()
        .satisfies(use -> assertThat(use.toolUseId()).isEqualTo("call_2e22918cf6"));
    assertThat(peer.eventsOf(AgentEvents.ToolResult.class)).singleElement().satisfies(result -> {
      assertThat(result.isError()).isFalse();
      assertThat(result.content()).contains("exit code 0");
    });
    assertThat(peer.eventsOf(AgentEvents.Error.class)).isEmpty();
  }

  @Test
  void deniedCommandIsDeclinedAndReportedAsAFailedToolResult() {
    CodexPeer peer = replay("codex_app_server_deny", PermissionDecision.deny("tools.allowed", "not allowed"));

    assertThat(peer.permissionRequests).hasSize(1);
    assertThat(peer.eventsOf(AgentEvents.ToolResult.class)).singleElement().satisfies(result -> {
      assertThat(result.isError()).isTrue();
      assertThat(result.content()).contains("declined");
    });
    assertThat(peer.results).hasSize(2).allSatisfy(result -> assertThat(result.success()).isTrue());
    assertThat(peer.results.get(0).text()).contains("rejected by user");
    assertThat(peer.eventsOf(AgentEvents.Error.class)).isEmpty();
  }

  @Test
  void agentMessagesBecomeTextEventsAndDeltasStayQuietByDefault() {
    CodexPeer peer = replay("codex_app_server_allow", PermissionDecision.allow());

    assertThat(peer.eventsOf(AgentEvents.Text.class)).extracting(AgentEvents.Text::text)
        .last().isEqualTo("ECHO: second question");
    assertThat(peer.eventsOf(AgentEvents.TextDelta.class)).isEmpty();
    assertThat(peer.eventsOf(AgentEvents.Raw.class)).extracting(AgentEvents.Raw::rawType)
        .contains("thread/status/changed", "warning", "item/started/userMessage");
  }
}
