package dev.hotplex.provider.codex;

import static dev.hotplex.provider.codex.CodexProtocolTranscriptTest.THREAD;
import static dev.hotplex.provider.codex.CodexProtocolTranscriptTest.WORK_DIR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolKind;
import org.junit.jupiter.api.Test;

/** {@link CodexProtocol} on hand-written app-server lines shaped as the 0.169.0 JSON schema says. */
class CodexProtocolTest {
  private final CodexPeer peer = new CodexPeer(PermissionDecision.allow());

  private CodexProtocol startedProtocol(CodexThreadSettings settings) {
    CodexProtocol protocol = new CodexProtocol(peer, settings);
    protocol.start();
    protocol.onLine("{\"id\":1,\"result\":{\"userAgent\":\"x\"}}");
    return protocol;
  }

  private CodexProtocol readyProtocol() {
    CodexProtocol protocol = startedProtocol(THREAD);
    protocol.onLine("{\"id\":2,\"result\":{\"thread\":{\"id\":\"t1\"},\"model\":\"m\"}}");
    return protocol;
  }

  @Test
  void promptSentBeforeTheThreadExistsWaitsForIt() {
    CodexProtocol protocol = new CodexProtocol(peer, THREAD);
    protocol.start();
    protocol.sendUserTurn("early prompt");
    assertThat(peer.sent).hasSize(1);

    protocol.onLine("{\"id\":1,\"result\":{}}");
    protocol.onLine("{\"id\":2,\"result\":{\"thread\":{\"id\":\"t1\"},\"model\":\"m\"}}");

    assertThat(peer.sentJson(1).path("method").asText()).isEqualTo("initialized");
    assertThat(peer.sentJson(2).path("method").asText()).isEqualTo("thread/start");
    JsonNode turnStart = peer.lastSent();
    assertThat(turnStart.path("method").asText()).isEqualTo("turn/start");
    assertThat(turnStart.path("params").path("threadId").asText()).isEqualTo("t1");
    assertThat(turnStart.path("params").path("input").path(0).path("text").asText()).isEqualTo("early prompt");
    assertThat(protocol.agentSessionId()).contains("t1");
  }

  @Test
  void resumedThreadIsContinuedWithThreadResume() {
    CodexThreadSettings resuming = new CodexThreadSettings(WORK_DIR, "untrusted", "danger-full-access", "gpt-x",
        "be brief", "t-old", false);
    CodexProtocol protocol = startedProtocol(resuming);

    JsonNode resume = peer.lastSent();
    assertThat(resume.path("method").asText()).isEqualTo("thread/resume");
    assertThat(resume.path("params").path("threadId").asText()).isEqualTo("t-old");
    assertThat(resume.path("params").path("model").asText()).isEqualTo("gpt-x");
    assertThat(resume.path("params").path("developerInstructions").asText()).isEqualTo("be brief");
    assertThat(protocol.agentSessionId()).contains("t-old");
  }

  @Test
  void refusedThreadStartFailsTheWaitingTurnAndEveryLaterOne() {
    CodexProtocol protocol = startedProtocol(THREAD);
    protocol.sendUserTurn("hello");

    protocol.onLine("{\"id\":2,\"error\":{\"code\":-32600,\"message\":\"no such model\"}}");
    protocol.sendUserTurn("again");

    assertThat(peer.results).hasSize(2).allSatisfy(result -> {
      assertThat(result.isError()).isTrue();
      assertThat(result.errorMessage()).contains("thread/start", "no such model");
    });
    assertThat(peer.sent).noneMatch(line -> line.contains("turn/start"));
  }

  @Test
  void interruptNamesTheRunningTurnAndTheInterruptedTurnIsAnError() {
    CodexProtocol protocol = readyProtocol();
    protocol.sendUserTurn("long job");
    protocol.interrupt(); // before the app-server named the turn: held back
    assertThat(peer.lastSent().path("method").asText()).isEqualTo("turn/start");

    protocol.onLine("{\"id\":3,\"result\":{\"turn\":{\"id\":\"turn-9\",\"status\":\"inProgress\"}}}");
    JsonNode interrupt = peer.lastSent();
    protocol.onLine("{\"method\":\"turn/completed\",\"params\":{\"threadId\":\"t1\",\"turn\":{\"id\":\"turn-9\","
        + "\"status\":\"interrupted\",\"error\":null,\"durationMs\":12}}}");

    assertThat(interrupt.path("method").asText()).isEqualTo("turn/interrupt");
    assertThat(interrupt.path("params").path("threadId").asText()).isEqualTo("t1");
    assertThat(interrupt.path("params").path("turnId").asText()).isEqualTo("turn-9");
    TurnResult result = peer.results.get(0);
    assertThat(result.isError()).isTrue();
    assertThat(result.subtype()).isEqualTo("interrupted");
    assertThat(result.errorMessage()).contains("interrupted");
  }

  @Test
  void interruptAfterTheTurnEndedDoesNotStopTheNextTurn() {
    CodexProtocol protocol = readyProtocol();
    protocol.sendUserTurn("quick");
    protocol.onLine("{\"method\":\"turn/started\",\"params\":{\"turn\":{\"id\":\"a\"}}}");
    protocol.onLine("{\"method\":\"turn/completed\",\"params\":{\"turn\":{\"id\":\"a\",\"status\":\"completed\"}}}");

    protocol.interrupt();
    protocol.sendUserTurn("next");
    protocol.onLine("{\"method\":\"turn/started\",\"params\":{\"turn\":{\"id\":\"b\"}}}");

    assertThat(peer.sent).noneMatch(line -> line.contains("turn/interrupt"));
    assertThat(peer.results).singleElement().satisfies(result -> assertThat(result.success()).isTrue());
  }

  @Test
  void failedTurnCarriesCodexsErrorMessage() {
    CodexProtocol protocol = readyProtocol();
    protocol.sendUserTurn("hi");

    protocol.onLine("{\"method\":\"error\",\"params\":{\"error\":{\"message\":\"stream disconnected\"},"
        + "\"willRetry\":false,\"threadId\":\"t1\",\"turnId\":\"u\"}}");
    protocol.onLine("{\"method\":\"turn/completed\",\"params\":{\"turn\":{\"id\":\"u\",\"status\":\"failed\","
        + "\"error\":{\"message\":\"unexpected status 500\"}}}}");

    assertThat(peer.eventsOf(AgentEvents.Error.class)).singleElement()
        .satisfies(error -> assertThat(error.message()).contains("stream disconnected"));
    assertThat(peer.results).singleElement().satisfies(result -> {
      assertThat(result.isError()).isTrue();
      assertThat(result.subtype()).isEqualTo("failed");
      assertThat(result.errorMessage()).contains("unexpected status 500");
    });
  }

  @Test
  void denyWithInterruptCancelsTheTurn() {
    CodexPeer denying = new CodexPeer(new PermissionDecision.Deny("stop", "rule", true));
    CodexProtocol protocol = new CodexProtocol(denying, THREAD);
    CodexTranscript transcript = CodexTranscript.load("codex_app_server_allow");
    protocol.start();
    transcript.outputBefore("turn/completed").forEach(protocol::onLine);

    assertThat(denying.sent).anySatisfy(line ->
        assertThat(line).isEqualTo("{\"id\":0,\"result\":{\"decision\":\"cancel\"}}"));
  }

  @Test
  void fileChangeApprovalNamesEveryPathOfTheAnnouncedChange() {
    CodexProtocol protocol = readyProtocol();
    protocol.onLine("{\"method\":\"item/started\",\"params\":{\"item\":{\"type\":\"fileChange\",\"id\":\"fc1\","
        + "\"status\":\"inProgress\",\"changes\":[{\"path\":\"/workspace/project/a.txt\",\"kind\":{\"type\":\"add\"},"
        + "\"diff\":\"hi\"},{\"path\":\"/etc/passwd\",\"kind\":{\"type\":\"update\",\"move_path\":null},"
        + "\"diff\":\"x\"}]}}}");
    protocol.onLine("{\"method\":\"item/fileChange/requestApproval\",\"id\":7,\"params\":{\"itemId\":\"fc1\","
        + "\"threadId\":\"t1\",\"turnId\":\"u\",\"startedAtMs\":1}}");

    assertThat(peer.permissionRequests).singleElement().satisfies(call -> {
      assertThat(call.toolName()).isEqualTo("apply_patch");
      assertThat(call.kind()).isEqualTo(ToolKind.EDIT);
      assertThat(call.paths()).containsExactly("/workspace/project/a.txt", "/etc/passwd");
    });
    assertThat(peer.lastSent().toString()).isEqualTo("{\"id\":7,\"result\":{\"decision\":\"accept\"}}");
  }

  @Test
  void unknownServerRequestIsAnsweredWithAnError() {
    readyProtocol().onLine("{\"method\":\"item/tool/requestUserInput\",\"id\":\"q1\",\"params\":{}}");

    JsonNode answer = peer.lastSent();
    assertThat(answer.path("id").asText()).isEqualTo("q1");
    assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32601);
    assertThat(peer.permissionRequests).isEmpty();
  }

  @Test
  void rewrittenInputIsDeclinedBecauseCodexCannotRunIt() {
    CodexPeer rewriting = new CodexPeer(new PermissionDecision.Allow(
        CodexWire.JSON.createObjectNode().put("command", "echo safe"), "rule", "rewritten"));
    CodexProtocol protocol = new CodexProtocol(rewriting, THREAD);
    protocol.onLine("{\"method\":\"item/commandExecution/requestApproval\",\"id\":0,\"params\":{\"itemId\":\"c1\","
        + "\"command\":\"/bin/bash -lc 'rm -rf x'\",\"threadId\":\"t\",\"turnId\":\"u\",\"startedAtMs\":1}}");

    assertThat(rewriting.lastSent().toString()).isEqualTo("{\"id\":0,\"result\":{\"decision\":\"decline\"}}");
    assertThat(rewriting.eventsOf(AgentEvents.Error.class)).hasSize(1);
  }

  @Test
  void commandThatRanWithoutAskingIsReported() {
    CodexProtocol protocol = readyProtocol();
    protocol.onLine("{\"method\":\"item/completed\",\"params\":{\"item\":{\"type\":\"commandExecution\","
        + "\"id\":\"c2\",\"command\":\"ls\",\"status\":\"completed\",\"exitCode\":0,\"aggregatedOutput\":\"a\\n\"}}}");

    assertThat(peer.eventsOf(AgentEvents.Error.class)).singleElement()
        .satisfies(error -> assertThat(error.message()).contains("without asking"));
    assertThat(peer.eventsOf(AgentEvents.ToolResult.class)).singleElement()
        .satisfies(result -> assertThat(result.content()).isEqualTo("a\n"));
  }

  @Test
  void badLinesBecomeErrorsWithoutThrowing() {
    CodexProtocol protocol = new CodexProtocol(peer, THREAD);
    protocol.onLine("not json");
    protocol.onLine("[1,2]");

    assertThat(peer.eventsOf(AgentEvents.Error.class)).hasSize(2);
  }
}
