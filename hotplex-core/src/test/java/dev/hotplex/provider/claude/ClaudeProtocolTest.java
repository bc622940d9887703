package dev.hotplex.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.policy.PermissionDecision;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The control protocol's own rules, on hand-written lines. */
class ClaudeProtocolTest {
  private static final String CAN_USE_TOOL = "{\"type\":\"control_request\",\"request_id\":\"cli-1\",\"request\":"
      + "{\"subtype\":\"can_use_tool\",\"tool_name\":\"Read\",\"input\":{\"file_path\":\"/etc/passwd\"},"
      + "\"tool_use_id\":\"toolu_1\"}}";

  private final RecordingPeer peer = RecordingPeer.answering(PermissionDecision.allow());
  private final ClaudeProtocol protocol = new ClaudeProtocol(peer, Path.of("/work"), null);

  @Test
  void startRegistersOneCatchAllPreToolUseHook() {
    protocol.start();

    JsonNode line = peer.lastSent();
    assertThat(line.path("type").asText()).isEqualTo("control_request");
    assertThat((Object) line.path("request")).isEqualTo(Transcript.parse("{\"subtype\":\"initialize\",\"hooks\":"
        + "{\"PreToolUse\":[{\"matcher\":null,\"hookCallbackIds\":[\"hotplex_pre_tool_use\"]}]}}"));
  }

  @Test
  void preToolUseHookAlwaysAnswersAskSoThatCanUseToolFollows() {
    protocol.onLine("{\"type\":\"control_request\",\"request_id\":\"cli-5\",\"request\":{\"subtype\":"
        + "\"hook_callback\",\"callback_id\":\"hotplex_pre_tool_use\",\"input\":{\"hook_event_name\":"
        + "\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"ls\"}},\"tool_use_id\":\"t\"}}");

    JsonNode response = peer.lastSentControlResponse();
    assertThat(response.path("subtype").asText()).isEqualTo("success");
    assertThat(response.path("request_id").asText()).isEqualTo("cli-5");
    JsonNode output = response.path("response").path("hookSpecificOutput");
    assertThat(output.path("hookEventName").asText()).isEqualTo("PreToolUse");
    assertThat(output.path("permissionDecision").asText()).isEqualTo("ask");
    assertThat(peer.permissionRequests).isEmpty();
  }

  @Test
  void everyControlRequestGetsItsOwnId() {
    protocol.start();
    protocol.interrupt();
    protocol.interrupt();

    assertThat(peer.sentJson()).extracting(line -> line.path("request_id").asText()).doesNotHaveDuplicates()
        .allMatch(id -> !id.isBlank());
  }

  @Test
  void userTurnHasTheShapeTheCliAccepts() {
    protocol.sendUserTurn("line one\n\"quoted\"");

    assertThat(peer.sent).containsExactly("{\"type\":\"user\",\"session_id\":\"\",\"parent_tool_use_id\":null,"
        + "\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"line one\\n\\\"quoted\\\"\"}]}}");
  }

  @Test
  void refusedControlRequestBecomesAnErrorEvent() {
    protocol.interrupt();
    String id = peer.lastSent().path("request_id").asText();

    protocol.onLine("{\"type\":\"control_response\",\"response\":{\"subtype\":\"error\",\"request_id\":\"" + id
        + "\",\"error\":\"nothing to interrupt\"}}");

    assertThat(peer.eventsOf(AgentEvents.Error.class)).singleElement()
        .satisfies(error -> assertThat(error.message()).contains("interrupt", "nothing to interrupt"));
  }

  @Test
  void unknownControlRequestIsAnsweredWithAnError() {
    protocol.onLine("{\"type\":\"control_request\",\"request_id\":\"cli-9\",\"request\":{\"subtype\":\"mcp_message\","
        + "\"server_name\":\"x\"}}");

    JsonNode response = peer.lastSentControlResponse();
    assertThat(response.path("subtype").asText()).isEqualTo("error");
    assertThat(response.path("request_id").asText()).isEqualTo("cli-9");
    assertThat(response.path("error").asText()).contains("mcp_message");
    assertThat(peer.permissionRequests).isEmpty();
  }

  @Test
  void hookCallbackHotplexNeverRegisteredIsAnsweredWithAnError() {
    protocol.onLine("{\"type\":\"control_request\",\"request_id\":\"cli-6\",\"request\":{\"subtype\":"
        + "\"hook_callback\",\"callback_id\":\"someone_else\",\"input\":{}}}");

    assertThat(peer.lastSentControlResponse().path("subtype").asText()).isEqualTo("error");
  }

  @Test
  void cancelledPermissionRequestGetsNoReply() {
    CompletableFuture<PermissionDecision> decision = new CompletableFuture<>();
    RecordingPeer slowPeer = new RecordingPeer(call -> decision);
    ClaudeProtocol slow = new ClaudeProtocol(slowPeer, Path.of("/work"), null);

    slow.onLine(CAN_USE_TOOL);
    slow.onLine("{\"type\":\"control_cancel_request\",\"request_id\":\"cli-1\"}");
    decision.complete(PermissionDecision.allow());

    assertThat(slowPeer.permissionRequests).hasSize(1);
    assertThat(slowPeer.sent).isEmpty();
    assertThat(slowPeer.events).isEmpty();
  }

  @Test
  void failingPermissionHandlerDeniesTheCall() {
    RecordingPeer brokenPeer = new RecordingPeer(call -> CompletableFuture.failedFuture(
        new IllegalStateException("policy file unreadable")));
    new ClaudeProtocol(brokenPeer, Path.of("/work"), null).onLine(CAN_USE_TOOL);

    JsonNode payload = brokenPeer.lastSentControlResponse().path("response");
    assertThat(payload.path("behavior").asText()).isEqualTo("deny");
    assertThat(payload.path("message").asText()).contains("policy file unreadable");
  }

  @Test
  void permissionHandlerThrowingAtOnceDeniesTheCall() {
    RecordingPeer brokenPeer = new RecordingPeer(call -> {
      throw new IllegalStateException("boom");
    });
    new ClaudeProtocol(brokenPeer, Path.of("/work"), null).onLine(CAN_USE_TOOL);

    assertThat(brokenPeer.lastSentControlResponse().path("response").path("behavior").asText()).isEqualTo("deny");
  }

  @Test
  void readCallIsNormalizedWithItsPath() {
    protocol.onLine(CAN_USE_TOOL);

    assertThat(peer.permissionRequests).singleElement().satisfies(call -> {
      assertThat(call.toolName()).isEqualTo("Read");
      assertThat(call.paths()).containsExactly("/etc/passwd");
      assertThat(call.toolUseId()).isEqualTo("toolu_1");
    });
    assertThat(peer.lastSentControlResponse().path("request_id").asText()).isEqualTo("cli-1");
    assertThat(peer.lastSentControlResponse().path("response").path("updatedInput").path("file_path").asText())
        .isEqualTo("/etc/passwd");
  }

  @Test
  void denyWithoutInterruptOmitsTheInterruptField() {
    RecordingPeer denying = RecordingPeer.answering(PermissionDecision.deny("r", "no"));
    new ClaudeProtocol(denying, Path.of("/work"), null).onLine(CAN_USE_TOOL);

    assertThat((Object) denying.lastSentControlResponse().path("response"))
        .isEqualTo(Transcript.parse("{\"behavior\":\"deny\",\"message\":\"no\"}"));
  }

  @Test
  void malformedAndUnknownLinesNeverThrow() {
    assertThatCode(() -> {
      protocol.onLine("not json at all");
      protocol.onLine("{\"type\":\"assistant\",");
      protocol.onLine("[1,2,3]");
      protocol.onLine("");
      protocol.onLine("{}");
      protocol.onLine("{\"type\":\"something_new\",\"x\":1}");
      protocol.onLine("{\"type\":\"control_response\",\"response\":{\"request_id\":\"never-sent\"}}");
      protocol.onLine("{\"type\":\"control_cancel_request\",\"request_id\":\"unknown\"}");
      protocol.onLine("{\"type\":\"assistant\",\"message\":{\"content\":\"not a list\"}}");
      protocol.onLine("{\"type\":\"result\"}");
    }).doesNotThrowAnyException();

    assertThat(peer.eventsOf(AgentEvents.Error.class)).hasSize(3)
        .allSatisfy(error -> assertThat(error.message()).contains("not a JSON message"));
    assertThat(peer.eventsOf(AgentEvents.Raw.class)).extracting(AgentEvents.Raw::rawType)
        .containsExactly("unknown", "something_new", "control_response", "control_cancel_request", "assistant");
    assertThat(peer.results).singleElement().satisfies(result -> assertThat(result.isError()).isTrue());
  }

  @Test
  void megabyteTextLineDecodes() {
    String text = "x".repeat(1024 * 1024);
    protocol.onLine("{\"type\":\"assistant\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
        + "\"text\":\"" + text + "\"}]}}");

    assertThat(peer.eventsOf(AgentEvents.Text.class)).singleElement()
        .satisfies(event -> assertThat(event.text()).hasSize(text.length()));
  }
}
