package dev.hotplex.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaudeMessageDecoderTest {

  private static List<AgentEvent> decode(String json) {
    return ClaudeMessageDecoder.decode(Transcript.parse(json));
  }

  @Test
  void toolResultWithBlocksJoinsTheirText() {
    List<AgentEvent> events = decode("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":"
        + "\"tool_result\",\"tool_use_id\":\"t1\",\"is_error\":false,\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
        + "{\"type\":\"image\",\"source\":{}},{\"type\":\"text\",\"text\":\"b\"}]}]}}");

    assertThat(events).containsExactly(new AgentEvents.ToolResult("t1", "a\nb", false));
  }

  @Test
  void assistantBlocksBecomeTextThinkingAndToolUseInOrder() {
    List<AgentEvent> events = decode("{\"type\":\"assistant\",\"message\":{\"content\":["
        + "{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"s\"},{\"type\":\"text\",\"text\":\"hi\"},"
        + "{\"type\":\"tool_use\",\"id\":\"t2\",\"name\":\"Glob\",\"input\":{\"pattern\":\"**/*.java\"}},"
        + "{\"type\":\"redacted_thinking\",\"data\":\"x\"}]}}");

    assertThat(events).hasSize(4);
    assertThat(events.get(0)).isEqualTo(new AgentEvents.Thinking("hmm"));
    assertThat(events.get(1)).isEqualTo(new AgentEvents.Text("hi"));
    assertThat(events.get(2)).isInstanceOfSatisfying(AgentEvents.ToolUse.class, use -> {
      assertThat(use.toolName()).isEqualTo("Glob");
      assertThat(use.input().path("pattern").asText()).isEqualTo("**/*.java");
    });
    assertThat(events.get(3)).isInstanceOfSatisfying(AgentEvents.Raw.class,
        raw -> assertThat(raw.rawType()).isEqualTo("assistant/redacted_thinking"));
  }

  @Test
  void resultWithoutIsErrorTrustsOnlyASuccessSubtype() {
    assertThat(decode("{\"type\":\"result\",\"subtype\":\"error_max_turns\",\"num_turns\":3}"))
        .singleElement().isInstanceOfSatisfying(TurnResult.class, result -> {
          assertThat(result.isError()).isTrue();
          assertThat(result.numTurns()).isEqualTo(3);
          assertThat(result.errorMessage()).contains("error_max_turns");
        });
  }

  @Test
  void resultCarriesTheCliFigures() {
    TurnResult result = (TurnResult) decode("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,"
        + "\"result\":\"done\",\"session_id\":\"s\",\"duration_ms\":247,\"duration_api_ms\":81,\"num_turns\":2,"
        + "\"total_cost_usd\":0.5,\"usage\":{\"input_tokens\":1,\"output_tokens\":2,\"cache_creation_input_tokens\":3,"
        + "\"cache_read_input_tokens\":4},\"stop_reason\":\"end_turn\",\"terminal_reason\":\"completed\"}").get(0);

    assertThat(result).isEqualTo(new TurnResult("done", false, "success", "s",
        new dev.hotplex.event.Usage(1, 2, 3, 4), 0.5, 247, 81, 2, 0, List.of(), "end_turn", "completed", null));
  }

  @Test
  void streamEventsOtherThanTextDeltasStayRaw() {
    assertThat(decode("{\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\"}}}"))
        .singleElement().isInstanceOf(AgentEvents.Raw.class);
  }

  @Test
  void apiRetryBecomesAnErrorSayingWhatFailedAndWhen() {
    List<AgentEvent> unreachable = decode("{\"type\":\"system\","
        + "\"subtype\":\"api_retry\",\"attempt\":3,\"max_retries\":10,\"retry_delay_ms\":2029,"
        + "\"error_status\":null,\"error\":\"unknown\"}");
    List<AgentEvent> overloaded = decode("{\"type\":\"system\","
        + "\"subtype\":\"api_retry\",\"attempt\":1,\"max_retries\":10,\"retry_delay_ms\":500,"
        + "\"error_status\":529,\"error\":\"overloaded_error\"}");

    assertThat(unreachable).singleElement().isEqualTo(new AgentEvents.Error("The model API call failed: no"
        + " response (is the endpoint reachable?). Claude Code retries it in 2.0 s (attempt 3 of 10)."));
    assertThat(overloaded).singleElement().isInstanceOfSatisfying(AgentEvents.Error.class,
        error -> assertThat(error.message()).contains("HTTP 529", "attempt 1 of 10"));
  }
}
