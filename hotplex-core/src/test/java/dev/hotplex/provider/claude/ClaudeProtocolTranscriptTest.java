package dev.hotplex.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Replays the recorded wire transcripts of the real Claude Code 2.1.330 through {@link ClaudeProtocol}. */
class ClaudeProtocolTranscriptTest {
  private static final Path WORK_DIR = Path.of("/workspace/project");

  private static RecordingPeer replay(String transcript, RecordingPeer peer) {
    return replay(transcript, peer, null);
  }

  private static RecordingPeer replay(String transcript, RecordingPeer peer, String knownSessionId) {
    Transcript.load(transcript).replay(new ClaudeProtocol(peer, WORK_DIR, knownSessionId), peer);
    return peer;
  }

  @Test
  void twoTurnsInOneProcessEachEndWithTheirOwnResult() {
    RecordingPeer peer = replay("claude_default_mode_two_turns", RecordingPeer.answering(PermissionDecision.allow()));

    assertThat(peer.results).hasSize(2).allSatisfy(result -> {
      assertThat(result.isError()).isFalse();
      assertThat(result.errorMessage()).isNull();
      assertThat(result.agentSessionId()).isEqualTo("3063f7bc-b373-443d-8e41-4a0dc80feda1");
    });
    assertThat(peer.results.get(1).text()).isEqualTo("ECHO: second question");
    assertThat(peer.results.get(1).costUsd()).isEqualTo(0.0016);
    assertThat(peer.results.get(1).usage().outputTokens()).isEqualTo(20);
    assertThat(peer.results.get(1).stopReason()).isEqualTo("end_turn");
    assertThat(peer.results.get(1).terminalReason()).isEqualTo("completed");
    assertThat(peer.eventsOf(AgentEvents.Init.class)).hasSize(2)
        .allSatisfy(init -> assertThat(init.tools()).contains("Bash", "Read"));
    assertThat(peer.eventsOf(AgentEvents.Text.class)).extracting(AgentEvents.Text::text)
        .last().isEqualTo("ECHO: second question");
    assertThat(peer.events).noneMatch(TurnResult.class::isInstance);
  }

  @Test
  void callTheCliRefusesByItselfIsReportedAsDenialWithoutAskingThePolicy() {
    RecordingPeer peer = replay("claude_default_mode_two_turns_b",
        RecordingPeer.answering(PermissionDecision.allow()));

    assertThat(peer.permissionRequests).isEmpty();
    assertThat(peer.eventsOf(AgentEvents.Raw.class)).extracting(AgentEvents.Raw::rawType)
        .contains("system/permission_denied");
    assertThat(peer.eventsOf(AgentEvents.ToolResult.class)).singleElement()
        .satisfies(result -> assertThat(result.isError()).isTrue());
    assertThat(peer.results.get(0).permissionDenials()).singleElement()
        .satisfies(denial -> {
          assertThat(denial.toolName()).isEqualTo("Bash");
          assertThat(denial.toolInput().path("command").asText()).isEqualTo("echo hello > out.txt");
        });
  }

  @Test
  void allowedCallIsAnsweredWithItsOriginalInput() {
    RecordingPeer peer = replay("claude_stdio_permission_allow",
        RecordingPeer.answering(PermissionDecision.allow("tools.allowed", "allowed by 'Bash'")));

    ToolCall call = peer.permissionRequests.get(0);
    assertThat(call.kind()).isEqualTo(ToolKind.SHELL);
    assertThat(call.command()).isEqualTo("echo hello > out.txt");
    assertThat(call.toolUseId()).isEqualTo("toolu_fake_442b7c7e1341");
    assertThat(call.provider()).isEqualTo("claude");
    assertThat(call.cwd()).isEqualTo(WORK_DIR);
    assertThat(peer.eventsOf(AgentEvents.ToolUse.class)).singleElement()
        .satisfies(use -> assertThat(use.toolName()).isEqualTo("Bash"));
    assertThat(peer.eventsOf(AgentEvents.ToolResult.class)).singleElement()
        .satisfies(result -> assertThat(result.content()).isEqualTo("(Bash completed with no output)"));
    assertThat(peer.results).hasSize(2).allMatch(TurnResult::success);
  }

  @Test
  void allowWithRewrittenInputSendsTheRewrittenInput() {
    ObjectNode rewritten = ClaudeWire.JSON.createObjectNode()
        .put("command", "echo rewritten > out.txt").put("description", "write hello to out.txt");
    RecordingPeer peer = replay("claude_stdio_permission_allow_rewritten_input",
        RecordingPeer.answering(new PermissionDecision.Allow(rewritten, "rewrite", null)));

    assertThat(peer.lastSentControlResponse().path("response").path("updatedInput").path("command").asText())
        .isEqualTo("echo rewritten > out.txt");
    assertThat(peer.results).singleElement().matches(TurnResult::success);
  }

  @Test
  void deniedCallTellsTheModelWhyAndTheTurnGoesOn() {
    RecordingPeer peer = replay("claude_stdio_permission_deny",
        RecordingPeer.answering(
            PermissionDecision.deny("tools.not-allowed", "Denied by test harness: no shell allowed")));

    assertThat(peer.eventsOf(AgentEvents.ToolResult.class)).singleElement().satisfies(result -> {
      assertThat(result.isError()).isTrue();
      assertThat(result.content()).isEqualTo("Denied by test harness: no shell allowed");
    });
    TurnResult first = peer.results.get(0);
    assertThat(first.success()).isTrue();
    assertThat(first.permissionDenials()).extracting(denial -> denial.toolUseId())
        .containsExactly("toolu_fake_cf3074adae64");
    assertThat(peer.results).hasSize(2);
  }

  @Test
  void denyWithInterruptStopsTheTurnAsAFailureAndTheProcessStaysUsable() {
    RecordingPeer peer = replay("claude_stdio_deny_with_interrupt",
        RecordingPeer.answering(new PermissionDecision.Deny("Denied and interrupted by harness", "stop", true)));

    TurnResult stopped = peer.results.get(0);
    assertThat(stopped.isError()).isTrue();
    assertThat(stopped.subtype()).isEqualTo("error_during_execution");
    assertThat(stopped.terminalReason()).isEqualTo("aborted_tools");
    assertThat(stopped.errorMessage()).contains("error_during_execution", "aborted_tools", "denied with interrupt")
        .doesNotContain("ede_diagnostic");
    assertThat(stopped.permissionDenials()).hasSize(1);
    assertThat(peer.results.get(1).success()).isTrue();
  }

  @Test
  void interruptMidTurnEndsTheTurnAsAFailure() {
    RecordingPeer peer = replay("claude_interrupt_mid_turn", RecordingPeer.answering(PermissionDecision.allow()));

    TurnResult interrupted = peer.results.get(0);
    assertThat(interrupted.isError()).isTrue();
    assertThat(interrupted.subtype()).isEqualTo("error_during_execution");
    assertThat(interrupted.terminalReason()).isEqualTo("aborted_streaming");
    assertThat(interrupted.errorMessage()).contains("aborted_streaming");
    // The accepted interrupt is no error; the synthetic "[Request interrupted by user]" message is kept raw.
    assertThat(peer.eventsOf(AgentEvents.Error.class)).isEmpty();
    assertThat(peer.eventsOf(AgentEvents.Raw.class)).extracting(AgentEvents.Raw::rawType).contains("user");
    assertThat(peer.results.get(1).success()).isTrue();
  }

  @Test
  void unreachableModelApiIsAFailedTurnAlthoughTheSubtypeSaysSuccess() {
    RecordingPeer peer = replay("claude_model_api_unreachable", RecordingPeer.answering(PermissionDecision.allow()));

    TurnResult result = peer.results.get(0);
    assertThat(result.subtype()).isEqualTo("success");
    assertThat(result.isError()).isTrue();
    assertThat(result.success()).isFalse();
    assertThat(result.errorMessage()).startsWith("API Error: Connection refused");
    assertThat(peer.eventsOf(AgentEvents.Error.class)).singleElement()
        .satisfies(error -> assertThat(error.message()).contains("ECONNREFUSED"));
    assertThat(peer.eventsOf(AgentEvents.Text.class)).isEmpty();
  }

  @Test
  void resumedConversationKeepsItsSessionId() {
    String resumed = "8e90f5fd-aaab-4848-bc56-2c62fa1cb917";
    RecordingPeer peer = RecordingPeer.answering(PermissionDecision.allow());
    ClaudeProtocol protocol = new ClaudeProtocol(peer, WORK_DIR, resumed);
    assertThat(protocol.agentSessionId()).contains(resumed);

    Transcript.load("claude_resume_in_new_process").replay(protocol, peer);

    assertThat(protocol.agentSessionId()).contains(resumed);
    assertThat(peer.results).singleElement().satisfies(result -> {
      assertThat(result.agentSessionId()).isEqualTo(resumed);
      assertThat(result.text()).isEqualTo("ECHO: second process");
    });
  }

  @Test
  void newConversationLearnsItsSessionIdFromTheCli() {
    RecordingPeer peer = RecordingPeer.answering(PermissionDecision.allow());
    ClaudeProtocol protocol = new ClaudeProtocol(peer, WORK_DIR, null);
    assertThat(protocol.agentSessionId()).isEmpty();

    Transcript.load("claude_default_mode_two_turns").replay(protocol, peer);

    assertThat(protocol.agentSessionId()).contains("3063f7bc-b373-443d-8e41-4a0dc80feda1");
  }

  @Test
  void partialMessagesStreamAsTextDeltas() {
    RecordingPeer peer = replay("claude_include_partial_messages",
        RecordingPeer.answering(PermissionDecision.allow()));

    String full = peer.results.get(0).text();
    assertThat(peer.eventsOf(AgentEvents.TextDelta.class)).extracting(AgentEvents.TextDelta::text)
        .containsExactly(full);
    assertThat(peer.eventsOf(AgentEvents.Text.class)).extracting(AgentEvents.Text::text).containsExactly(full);
    assertThat(peer.eventsOf(AgentEvents.Raw.class)).extracting(AgentEvents.Raw::rawType)
        .contains("system/status", "stream_event");
  }

  @Test
  void permissionAnsweredLaterFromAnotherThreadIsStillWritten() throws Exception {
    CompletableFuture<PermissionDecision> decision = new CompletableFuture<>();
    RecordingPeer peer = new RecordingPeer(call -> decision);
    Transcript transcript = Transcript.load("claude_stdio_permission_allow");
    ClaudeProtocol protocol = new ClaudeProtocol(peer, WORK_DIR, null);
    String canUseTool = transcript.entries.stream().map(Transcript.Entry::message)
        .filter(message -> "control_request".equals(message.path("type").asText()))
        .filter(message -> "can_use_tool".equals(message.path("request").path("subtype").asText()))
        .findFirst().orElseThrow().toString();

    protocol.onLine(canUseTool);
    assertThat(peer.sent).isEmpty();
    Thread answering = new Thread(() -> decision.complete(PermissionDecision.allow()));
    answering.start();
    answering.join(10_000);

    assertThat(peer.lastSentControlResponse().path("response").path("behavior").asText()).isEqualTo("allow");
  }
}
