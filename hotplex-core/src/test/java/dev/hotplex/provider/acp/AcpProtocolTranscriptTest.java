package dev.hotplex.provider.acp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import dev.hotplex.provider.AgentSettings;
import dev.hotplex.provider.gemini.GeminiProvider;
import dev.hotplex.provider.opencode.OpenCodeProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replays the recorded ACP transcripts of the real opencode 1.18.33 and gemini-cli 0.61.0 through the client. */
class AcpProtocolTranscriptTest {
  static final Path WORK_DIR = Path.of("/workspace/project");

  static AgentSettings settings(String resumeSessionId, boolean partialMessages) {
    return new AgentSettings(WORK_DIR, List.of(), List.of(), null, null, 0, null, null, resumeSessionId, null,
        partialMessages, null, List.of(), Map.of(), null, Duration.ofSeconds(30));
  }

  private static AcpPeer replay(String transcript, AcpAgent agent, AcpPeer peer) {
    AcpTranscript.load(transcript).replay(new AcpProtocol(agent, settings(null, false), peer), peer);
    return peer;
  }

  @Test
  void openCodeAllowedShellCallRunsAndBothTurnsSucceed() {
    AcpPeer peer = replay("opencode_acp_allow", new OpenCodeProvider(),
        AcpPeer.answering(PermissionDecision.allow("tools.allowed", "allowed by 'bash'")));

    ToolCall call = peer.permissionRequests.get(0);
    assertThat(call.provider()).isEqualTo("opencode");
    assertThat(call.toolName()).isEqualTo("bash");
    assertThat(call.kind()).isEqualTo(ToolKind.SHELL);
    assertThat(call.command()).isEqualTo("echo hello > out.txt");
    assertThat(call.toolUseId()).isEqualTo("call_00a19b059ea1");
    assertThat(call.cwd()).isEqualTo(WORK_DIR);
    assertThat(peer.eventsOf(AgentEvents.ToolUse.class)).singleElement().satisfies(use -> {
      assertThat(use.toolName()).isEqualTo("bash");
      assertThat(use.input().path("command").asText()).isEqualTo("echo hello > out.txt");
    });
    assertThat(peer.eventsOf(AgentEvents.ToolResult.class)).singleElement().satisfies(result -> {
      assertThat(result.content()).isEqualTo("(no output)");
      assertThat(result.isError()).isFalse();
    });
    assertThat(peer.results).hasSize(2).allSatisfy(result -> {
      assertThat(result.success()).isTrue();
      assertThat(result.agentSessionId()).isEqualTo("ses_df3ac8947ffeWIzlBwTr2KU3rl");
      assertThat(result.usage().inputTokens()).isEqualTo(100);
      assertThat(result.usage().outputTokens()).isEqualTo(20);
      assertThat(result.stopReason()).isEqualTo("end_turn");
    });
    assertThat(peer.results.get(0).text()).isEqualTo("DONE: tool finished ((no output))");
    assertThat(peer.results.get(1).text()).isEqualTo("ECHO: second question");
    assertThat(peer.eventsOf(AgentEvents.Init.class)).hasSize(2).allSatisfy(init -> {
      assertThat(init.model()).isEqualTo("fake/fake-model");
      assertThat(init.permissionMode()).isEqualTo("build");
    });
    assertThat(peer.eventsOf(AgentEvents.TextDelta.class)).isEmpty();
    assertThat(peer.events).noneMatch(TurnResult.class::isInstance);
  }

  @Test
  void geminiDeniedShellCallIsRejectedOnceAndTheTurnGoesOn() {
    AcpPeer peer = replay("gemini_acp_deny", new GeminiProvider(),
        AcpPeer.answering(PermissionDecision.deny("tools.not-allowed", "no shell")));

    ToolCall call = peer.permissionRequests.get(0);
    assertThat(call.provider()).isEqualTo("gemini");
    assertThat(call.toolName()).isEqualTo("run_shell_command");
    assertThat(call.kind()).isEqualTo(ToolKind.SHELL);
    assertThat(call.command()).isEqualTo("echo hello > out.txt");
    assertThat(peer.eventsOf(AgentEvents.ToolUse.class)).singleElement()
        .satisfies(use -> assertThat(use.toolName()).isEqualTo("run_shell_command"));
    assertThat(peer.results).hasSize(2).allMatch(TurnResult::success);
    assertThat(peer.results.get(0).text()).startsWith("DONE: tool finished (").contains("canceled by the user");
    assertThat(peer.results.get(0).usage().inputTokens()).isEqualTo(200);
    assertThat(peer.results.get(1).usage().outputTokens()).isEqualTo(20);
    assertThat(peer.results.get(1).agentSessionId()).isEqualTo("792c7481-289d-4ecc-abe7-4c0da5b9b5f3");
    assertThat(peer.eventsOf(AgentEvents.Init.class)).first()
        .satisfies(init -> assertThat(init.model()).isEqualTo("gemini-2.5-flash"));
  }

  @Test
  void partialMessagesStreamTextDeltas() {
    AcpPeer peer = AcpPeer.answering(PermissionDecision.allow());
    AcpTranscript.load("opencode_acp_allow")
        .replay(new AcpProtocol(new OpenCodeProvider(), settings(null, true), peer), peer);

    assertThat(peer.eventsOf(AgentEvents.TextDelta.class)).extracting(AgentEvents.TextDelta::text)
        .containsExactly("DONE: tool finished ((no output))", "ECHO: second question");
  }
}
