package dev.hotplex.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.EventJson;
import dev.hotplex.event.PermissionDenial;
import dev.hotplex.event.TurnResult;
import dev.hotplex.secrets.SecretMasker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventMaskerTest {
  private static final String KEY = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EventMasker masker = new EventMasker(SecretMasker.of(KEY));

  private static String json(List<AgentEvent> events) {
    StringBuilder text = new StringBuilder();
    events.forEach(event -> text.append(EventJson.toJson(event)).append('\n'));
    return text.toString();
  }

  @Test
  void secretSplitAcrossTextDeltasIsMaskedAndNoTextIsLost() {
    List<AgentEvent> out = new ArrayList<>();
    String text = "the key is " + KEY + ", keep it";
    for (int i = 0; i < text.length(); i += 7) {
      out.addAll(masker.mask(new AgentEvents.TextDelta(text.substring(i, Math.min(text.length(), i + 7)))));
    }
    out.addAll(masker.mask(new AgentEvents.Text(text)));

    StringBuilder streamed = new StringBuilder();
    out.stream().filter(AgentEvents.TextDelta.class::isInstance)
        .forEach(event -> streamed.append(((AgentEvents.TextDelta) event).text()));
    assertThat(streamed.toString()).isEqualTo("the key is ****, keep it");
    assertThat(out.get(out.size() - 1)).isEqualTo(new AgentEvents.Text("the key is ****, keep it"));
  }

  @Test
  void secretSplitAcrossRawToolInputDeltasIsMaskedAndTheJsonStaysWhole() throws Exception {
    String input = "{\"file_path\":\"leak.txt\",\"content\":\"" + KEY + "\"}";
    List<AgentEvent> out = new ArrayList<>();
    for (int i = 0; i < input.length(); i += 24) {
      String piece = input.substring(i, Math.min(input.length(), i + 24));
      out.addAll(masker.mask(new AgentEvents.Raw("stream_event", JSON.readTree("{\"type\":\"stream_event\","
          + "\"event\":{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
          + "\"partial_json\":" + JSON.writeValueAsString(piece) + "}}}"))));
    }
    out.addAll(masker.mask(new AgentEvents.Raw("stream_event", JSON.readTree("{\"type\":\"stream_event\","
        + "\"event\":{\"type\":\"content_block_stop\",\"index\":1}}"))));

    StringBuilder joined = new StringBuilder();
    out.forEach(event -> joined.append(((AgentEvents.Raw) event).json().path("event").path("delta")
        .path("partial_json").asText()));
    assertThat(joined.toString()).isEqualTo("{\"file_path\":\"leak.txt\",\"content\":\"****\"}");
    assertThat(json(out)).doesNotContain(KEY.substring(13, 29));
    assertThat(out.get(out.size() - 1).toString()).contains("content_block_stop");
  }

  @Test
  void everyStringOfEveryEventKindIsMasked() throws Exception {
    List<AgentEvent> out = new ArrayList<>();
    out.addAll(masker.mask(new AgentEvents.ToolUse("t1", "Bash", JSON.readTree("{\"command\":\"echo " + KEY + "\"}"))));
    out.addAll(masker.mask(new AgentEvents.ToolDecision("t1", "Bash", "deny", "r", "it printed " + KEY,
        JSON.readTree("{\"command\":\"echo " + KEY + "\"}"))));
    out.addAll(masker.mask(new AgentEvents.ToolResult("t1", KEY + "\n", false)));
    out.addAll(masker.mask(new AgentEvents.Thinking("maybe " + KEY)));
    out.addAll(masker.mask(new AgentEvents.Error("bad " + KEY)));
    out.addAll(masker.mask(new AgentEvents.Raw("user", JSON.readTree("{\"content\":[\"" + KEY + "\"]}"))));
    out.addAll(masker.mask(new AgentEvents.Init("s", "m", "/ws/" + KEY, List.of(), "default")));

    assertThat(json(out)).doesNotContain(KEY).contains("****");
    assertThat(out).hasSize(7);
  }

  @Test
  void resultTextErrorAndDeniedInputsAreMasked() throws Exception {
    TurnResult raw = new TurnResult("said " + KEY, true, "error_during_execution", "s", null, 0, 0, 0, 1, 1,
        List.of(new PermissionDenial("Bash", "t1", JSON.readTree("{\"command\":\"echo " + KEY + "\"}"), "r",
            "no " + KEY)), null, null, "API Error: 500 key " + KEY);

    TurnResult masked = masker.mask(raw);

    assertThat(EventJson.toJson(masked)).doesNotContain(KEY);
    assertThat(masked.text()).isEqualTo("said ****");
    assertThat(masked.errorMessage()).isEqualTo("API Error: 500 key ****");
    assertThat(masked.isError()).isTrue();
  }

  @Test
  void aSessionWithoutSecretsDeliversTheSameEvents() {
    AgentEvent delta = new AgentEvents.TextDelta("partial ");
    assertThat(new EventMasker(SecretMasker.none()).mask(delta)).containsExactly(delta);
  }
}
