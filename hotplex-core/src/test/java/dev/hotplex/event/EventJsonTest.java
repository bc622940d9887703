package dev.hotplex.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

  private static ObjectNode bashInput() {
    ObjectNode input = EventJson.mapper().createObjectNode();
    input.put("command", "git diff");
    input.put("description", "Show changes");
    return input;
  }

  static Stream<AgentEvent> everyEventType() {
    return Stream.of(
        new AgentEvents.Init("sess-1", "claude-sonnet", "/work/repo", List.of("Bash", "Read"), "default"),
        new AgentEvents.Text("Hello\nworld"),
        new AgentEvents.TextDelta("Hel"),
        new AgentEvents.Thinking("Let me look at the diff."),
        new AgentEvents.ToolUse("toolu_1", "Bash", bashInput()),
        new AgentEvents.ToolDecision("toolu_1", "Bash", "deny", "tools.not-allowed", "not allowed", bashInput()),
        new AgentEvents.ToolResult("toolu_1", "line 1\nline 2", true),
        new AgentEvents.Error("bad line from agent"),
        new AgentEvents.Raw("rate_limit_event", bashInput()),
        new TurnResult("Done.", false, "success", "sess-1", new Usage(1234, 567, 10, 20), 0.0123, 3200, 2900, 2,
            2, List.of(new PermissionDenial("Bash", "toolu_1", bashInput(), "tools.not-allowed", "not allowed")),
            "end_turn", "completed", null));
  }

  @ParameterizedTest
  @MethodSource("everyEventType")
  void everyEventTypeRoundTripsUnchanged(AgentEvent event) {
    String json = EventJson.toJson(event);

    assertThat(EventJson.fromJson(json)).isEqualTo(event);
  }

  @ParameterizedTest
  @MethodSource("everyEventType")
  void everyEventIsOneLineStartingWithItsType(AgentEvent event) throws Exception {
    String line = EventJson.toNdjsonLine(event);

    assertThat(line).endsWith("\n");
    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n", "\r");
    assertThat(line).startsWith("{\"type\":\"");
  }

  @Test
  void resultCarriesTypeResultAndCamelCaseFieldsWithIsErrorSpelledOut() throws Exception {
    TurnResult result = TurnResult.failure("error_timeout", "The turn took longer than 30m.", "sess-1", 1800000, 1,
        List.of());

    JsonNode json = EventJson.mapper().readTree(EventJson.toJson(result));

    assertThat(json.get("type").asText()).isEqualTo("result");
    assertThat(json.get("isError").asBoolean()).isTrue();
    assertThat(json.get("errorMessage").asText()).isEqualTo("The turn took longer than 30m.");
    assertThat(json.get("agentSessionId").asText()).isEqualTo("sess-1");
    assertThat(json.get("durationMs").asLong()).isEqualTo(1800000);
    assertThat(json.get("toolCalls").asInt()).isEqualTo(1);
    assertThat(json.get("usage").get("inputTokens").asLong()).isZero();
    assertThat(json.get("permissionDenials").isArray()).isTrue();
    assertThat(json.has("error")).as("isError must not be renamed to error").isFalse();
    assertThat(json.has("success")).as("derived accessors are not fields").isFalse();
  }

  @Test
  void nullFieldsAreLeftOut() throws Exception {
    JsonNode json = EventJson.mapper().readTree(
        EventJson.toJson(new AgentEvents.ToolDecision("toolu_1", "Read", "allow", null, null, null)));

    assertThat(json.has("rule")).isFalse();
    assertThat(json.has("reason")).isFalse();
    assertThat(json.has("input")).isFalse();
    assertThat(json.has("allowed")).as("derived accessors are not fields").isFalse();
    assertThat(json.get("decision").asText()).isEqualTo("allow");
  }

  @Test
  void unknownFieldsAreIgnoredWhenReading() {
    AgentEvent event = EventJson.fromJson("{\"type\":\"text\",\"text\":\"hi\",\"addedLater\":1}");

    assertThat(event).isEqualTo(new AgentEvents.Text("hi"));
  }

  @Test
  void textWithoutKnownTypeIsRejectedWithAClearMessage() {
    assertThatThrownBy(() -> EventJson.fromJson("{\"type\":\"nonsense\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a hotplex event");
    assertThatThrownBy(() -> EventJson.fromJson("not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a hotplex event");
  }
}
