package dev.hotplex.provider.acp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.provider.gemini.GeminiProvider;
import dev.hotplex.provider.opencode.OpenCodeProvider;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The ACP client's behaviour around the recorded happy paths: ordering, failures, cancel, resume. */
class AcpProtocolTest {
  private static final String INITIALIZED = """
      {"jsonrpc":"2.0","id":1,"result":{"protocolVersion":1,"agentCapabilities":{"loadSession":true}}}""";
  private static final String SESSION_CREATED = """
      {"jsonrpc":"2.0","id":2,"result":{"sessionId":"ses_new","modes":{"currentModeId":"default"}}}""";
  private static final String PERMISSION_REQUEST = """
      {"jsonrpc":"2.0","id":0,"method":"session/request_permission","params":{"sessionId":"ses_new",
       "toolCall":{"toolCallId":"call_1","title":"rm -rf build","kind":"execute","rawInput":{"command":"rm -rf build"}},
       "options":[{"optionId":"always","kind":"allow_always"},{"optionId":"once","kind":"allow_once"},
                  {"optionId":"reject","kind":"reject_once"}]}}""";

  private AcpPeer peer = AcpPeer.answering(PermissionDecision.allow());
  private AcpProtocol protocol = new AcpProtocol(new OpenCodeProvider(),
      AcpProtocolTranscriptTest.settings(null, false), peer);

  private void line(String json) {
    protocol.onLine(json.replace("\n", ""));
  }

  /** Starts the protocol and answers initialize and session/new, then sends a prompt (request id 3). */
  private void startTurn() {
    protocol.start();
    line(INITIALIZED);
    line(SESSION_CREATED);
    protocol.sendUserTurn("hello");
  }

  private JsonNode lastPermissionAnswer() {
    JsonNode last = peer.lastSent();
    assertThat(last.path("id").asInt()).as("answers the permission request").isZero();
    return last.path("result").path("outcome");
  }

  @Test
  void promptBeforeTheSessionExistsWaitsForIt() {
    protocol.start();
    protocol.sendUserTurn("early prompt");
    assertThat(peer.sent).hasSize(1);

    line(INITIALIZED);
    assertThat(peer.lastSent().path("method").asText()).isEqualTo("session/new");
    line(SESSION_CREATED);

    JsonNode prompt = peer.lastSent();
    assertThat(prompt.path("method").asText()).isEqualTo("session/prompt");
    assertThat(prompt.path("params").path("sessionId").asText()).isEqualTo("ses_new");
    assertThat(prompt.path("params").path("prompt").path(0).path("text").asText()).isEqualTo("early prompt");
    assertThat(peer.eventsOf(AgentEvents.Init.class)).singleElement()
        .satisfies(init -> assertThat(init.permissionMode()).isEqualTo("default"));
  }

  @Test
  void unknownAgentRequestIsAnsweredWithAnErrorAtOnce() {
    startTurn();

    line("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"fs/read_text_file\",\"params\":{\"path\":\"/etc/passwd\"}}");

    JsonNode answer = peer.lastSent();
    assertThat(answer.path("id").asInt()).isEqualTo(7);
    assertThat(answer.path("error").path("code").asInt()).isEqualTo(AcpWire.METHOD_NOT_FOUND);
    assertThat(answer.path("error").path("message").asText()).contains("fs/read_text_file");
  }

  @Test
  void promptAnsweredWithAnErrorFailsTheTurn() {
    startTurn();

    line("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":500,\"message\":\"model returned 404\"}}");

    TurnResult result = peer.results.get(0);
    assertThat(result.isError()).isTrue();
    assertThat(result.errorMessage()).contains("OpenCode failed the turn").contains("model returned 404");
    assertThat(result.agentSessionId()).isEqualTo("ses_new");
  }

  @Test
  void failedInitializeFailsTheWaitingTurnAndLaterOnes() {
    protocol.start();
    protocol.sendUserTurn("hello");

    line("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,\"message\":\"bad config\"}}");
    protocol.sendUserTurn("again");

    assertThat(peer.results).hasSize(2).allSatisfy(result -> {
      assertThat(result.isError()).isTrue();
      assertThat(result.errorMessage()).contains("refused to initialize").contains("bad config");
    });
    assertThat(peer.sent).hasSize(1);
  }

  @Test
  void permissionIsAllowedOnceNeverAlways() {
    startTurn();

    line(PERMISSION_REQUEST);

    assertThat(lastPermissionAnswer().path("optionId").asText()).isEqualTo("once");
    assertThat(peer.permissionRequests).singleElement().satisfies(call -> {
      assertThat(call.command()).isEqualTo("rm -rf build");
      assertThat(call.paths()).isEmpty();
    });
  }

  @Test
  void denyWithInterruptRejectsTheCallThenCancelsTheTurn() {
    peer = AcpPeer.answering(new PermissionDecision.Deny("stop now", "stop", true));
    protocol = new AcpProtocol(new OpenCodeProvider(), AcpProtocolTranscriptTest.settings(null, false), peer);
    startTurn();

    line(PERMISSION_REQUEST);

    JsonNode answer = peer.sentJson(peer.sent.size() - 2);
    assertThat(answer.path("result").path("outcome").path("optionId").asText()).isEqualTo("reject");
    assertThat(peer.lastSent().path("method").asText()).isEqualTo("session/cancel");
    assertThat(peer.lastSent().has("id")).as("a notification").isFalse();
  }

  @Test
  void rewrittenInputCannotBePassedOnSoTheCallIsRejected() {
    peer = AcpPeer.answering(new PermissionDecision.Allow(AcpWire.JSON.createObjectNode().put("command", "ls"),
        "rewrite", null));
    protocol = new AcpProtocol(new OpenCodeProvider(), AcpProtocolTranscriptTest.settings(null, false), peer);
    startTurn();

    line(PERMISSION_REQUEST);

    assertThat(lastPermissionAnswer().path("optionId").asText()).isEqualTo("reject");
    assertThat(peer.eventsOf(AgentEvents.Error.class)).singleElement()
        .satisfies(error -> assertThat(error.message()).contains("rewritten input"));
  }

  @Test
  void failingPolicyRejectsTheCall() {
    peer = new AcpPeer(call -> CompletableFuture.failedFuture(new IllegalStateException("policy broke")));
    protocol = new AcpProtocol(new OpenCodeProvider(), AcpProtocolTranscriptTest.settings(null, false), peer);
    startTurn();

    line(PERMISSION_REQUEST);

    assertThat(lastPermissionAnswer().path("optionId").asText()).isEqualTo("reject");
    assertThat(peer.eventsOf(AgentEvents.Error.class)).singleElement()
        .satisfies(error -> assertThat(error.message()).contains("policy broke"));
  }

  @Test
  void interruptCancelsTheTurnAndAnswersOpenPermissionRequestsCancelled() {
    CompletableFuture<PermissionDecision> undecided = new CompletableFuture<>();
    peer = new AcpPeer(call -> undecided);
    protocol = new AcpProtocol(new OpenCodeProvider(), AcpProtocolTranscriptTest.settings(null, false), peer);
    startTurn();
    line(PERMISSION_REQUEST);

    protocol.interrupt();
    int sentAfterInterrupt = peer.sent.size();
    undecided.complete(PermissionDecision.allow());
    line("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"stopReason\":\"cancelled\"}}");

    assertThat(peer.sentJson(sentAfterInterrupt - 2).path("method").asText()).isEqualTo("session/cancel");
    assertThat(peer.sentJson(sentAfterInterrupt - 1).path("result").path("outcome").path("outcome").asText())
        .isEqualTo("cancelled");
    assertThat(peer.sent).as("a late decision is not sent").hasSize(sentAfterInterrupt);
    TurnResult result = peer.results.get(0);
    assertThat(result.isError()).isTrue();
    assertThat(result.stopReason()).isEqualTo("cancelled");
    assertThat(result.errorMessage()).contains("cancelled");
  }

  @Test
  void interruptBeforeThePromptWasSentEndsTheTurnWithoutSendingIt() {
    protocol.start();
    protocol.sendUserTurn("never sent");

    protocol.interrupt();
    line(INITIALIZED);
    line(SESSION_CREATED);

    assertThat(peer.results).singleElement().satisfies(result -> assertThat(result.isError()).isTrue());
    assertThat(peer.sent).noneMatch(sent -> sent.contains("session/prompt"));
  }

  @Test
  void resumeLoadsTheSessionAndDropsTheReplayedHistory() {
    protocol = new AcpProtocol(new GeminiProvider(), AcpProtocolTranscriptTest.settings("ses_old", false), peer);
    protocol.start();
    protocol.sendUserTurn("which word?");
    line(INITIALIZED);

    JsonNode load = peer.lastSent();
    assertThat(load.path("method").asText()).isEqualTo("session/load");
    assertThat(load.path("params").path("sessionId").asText()).isEqualTo("ses_old");
    line("{\"jsonrpc\":\"2.0\",\"method\":\"session/update\",\"params\":{\"sessionId\":\"ses_old\",\"update\":"
        + "{\"sessionUpdate\":\"agent_message_chunk\",\"content\":{\"type\":\"text\",\"text\":\"old answer\"}}}}");
    line("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}");
    line("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"stopReason\":\"end_turn\"}}");

    assertThat(peer.sentJson(2).path("params").path("sessionId").asText()).isEqualTo("ses_old");
    assertThat(peer.eventsOf(AgentEvents.Text.class)).isEmpty();
    assertThat(peer.results).singleElement().satisfies(result -> {
      assertThat(result.success()).isTrue();
      assertThat(result.agentSessionId()).isEqualTo("ses_old");
    });
  }

  @Test
  void failedLoadFailsThePromptUnrunAndGoesOnInANewConversation() {
    protocol = new AcpProtocol(new GeminiProvider(), AcpProtocolTranscriptTest.settings("ses_gone", false), peer);
    protocol.start();
    protocol.sendUserTurn("fix what you found");
    line(INITIALIZED);
    line("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32002,\"message\":\"session not found\"}}");

    assertThat(peer.lastSent().path("method").asText()).isEqualTo("session/new");
    line("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"sessionId\":\"ses_fresh\"}}");

    assertThat(peer.sent).noneSatisfy(sent -> assertThat(sent).contains("session/prompt"));
    assertThat(peer.results).singleElement().satisfies(result -> {
      assertThat(result.isError()).isTrue();
      assertThat(result.subtype()).isEqualTo(AcpProtocol.RESUME_FAILED);
      assertThat(result.errorMessage()).contains("ses_gone", "session not found", "was not run");
    });
    assertThat(protocol.agentSessionId()).contains("ses_fresh");

    protocol.sendUserTurn("again, with context");
    assertThat(peer.lastSent().path("method").asText()).isEqualTo("session/prompt");
    assertThat(peer.lastSent().path("params").path("sessionId").asText()).isEqualTo("ses_fresh");
  }

  @Test
  void anAgentThatEndsTheTurnAtARejectionFailsTheTurnNamingTheCall() {
    peer = AcpPeer.answering(new PermissionDecision.Deny("deletes the build", "destroy.test", false));
    protocol = new AcpProtocol(new OpenCodeProvider(), AcpProtocolTranscriptTest.settings(null, false), peer);
    startTurn();

    line(PERMISSION_REQUEST);
    line("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"stopReason\":\"end_turn\"}}");

    assertThat(peer.results).singleElement().satisfies(result -> {
      assertThat(result.isError()).isTrue();
      assertThat(result.subtype()).isEqualTo("error_permission_denied");
      assertThat(result.errorMessage()).contains("OpenCode ended the turn", "rm -rf build", "destroy.test",
          "deletes the build");
    });
  }

  @Test
  void anAgentThatGoesOnAfterARejectionCanStillSucceed() {
    peer = AcpPeer.answering(new PermissionDecision.Deny("deletes the build", "destroy.test", false));
    protocol = new AcpProtocol(new GeminiProvider(), AcpProtocolTranscriptTest.settings(null, false), peer);
    startTurn();

    line(PERMISSION_REQUEST);
    line("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"stopReason\":\"end_turn\"}}");

    assertThat(peer.results).singleElement().satisfies(result -> assertThat(result.success()).isTrue());
  }

  @Test
  void lineThatIsNotJsonBecomesAnErrorEvent() {
    line("Warning: something went sideways");

    assertThat(peer.eventsOf(AgentEvents.Error.class)).singleElement()
        .satisfies(error -> assertThat(error.message()).contains("OpenCode printed a line that is not a JSON message", "invalid JSON"));
  }
}
