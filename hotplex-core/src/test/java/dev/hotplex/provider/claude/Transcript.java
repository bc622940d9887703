package dev.hotplex.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.provider.AgentProtocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded wire transcript of the real Claude Code CLI ({@code src/test/resources/transcripts}), replayed
 * against a {@link ClaudeProtocol}: the host's recorded lines ("in") become calls on the protocol, and what the
 * protocol writes is checked against them; the CLI's lines ("out") are fed to {@link AgentProtocol#onLine}.
 */
final class Transcript {
  record Entry(boolean fromHost, JsonNode message) {}

  final List<Entry> entries;

  private Transcript(List<Entry> entries) {
    this.entries = entries;
  }

  static Transcript load(String name) {
    String resource = "/transcripts/" + name + ".jsonl";
    try (InputStream in = Transcript.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      List<Entry> entries = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        JsonNode record = parse(line);
        entries.add(new Entry("in".equals(record.path("dir").asText()), record.path("msg")));
      }
      return new Transcript(entries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return ClaudeWire.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  /**
   * Replays every entry. A recorded host line must match (as JSON) the line the protocol wrote for it, apart
   * from hotplex's own request ids, which are mapped onto the recorded ones for the CLI's answers.
   */
  void replay(AgentProtocol protocol, RecordingPeer peer) {
    Map<String, String> requestIds = new HashMap<>();
    for (Entry entry : entries) {
      JsonNode message = entry.message();
      String type = message.path("type").asText();
      if (!entry.fromHost()) {
        protocol.onLine(withMappedRequestId(message, requestIds).toString());
      } else if ("user".equals(type)) {
        protocol.sendUserTurn(message.path("message").path("content").path(0).path("text").asText());
        assertThat((Object) peer.lastSent()).isEqualTo(message);
      } else if ("control_request".equals(type)) {
        hostControlRequest(protocol, message.path("request").path("subtype").asText());
        JsonNode written = peer.lastSent();
        requestIds.put(message.path("request_id").asText(), written.path("request_id").asText());
        // hotplex registers its PreToolUse hook where the recordings sent "hooks":null; the rest must match.
        assertThat((Object) withoutHooks(written.path("request"))).isEqualTo(withoutHooks(message.path("request")));
      } else if ("control_response".equals(type)) {
        // The protocol answered while it decoded the CLI's can_use_tool line.
        assertThat((Object) peer.lastSent()).isEqualTo(message);
      }
    }
  }

  private static void hostControlRequest(AgentProtocol protocol, String subtype) {
    if ("initialize".equals(subtype)) {
      protocol.start();
    } else if ("interrupt".equals(subtype)) {
      protocol.interrupt();
    } else {
      throw new IllegalArgumentException("transcript uses a control request the replay does not know: " + subtype);
    }
  }

  private static JsonNode withoutHooks(JsonNode request) {
    ObjectNode copy = request.deepCopy();
    copy.remove("hooks");
    return copy;
  }

  private static JsonNode withMappedRequestId(JsonNode message, Map<String, String> requestIds) {
    JsonNode response = message.path("response");
    String ours = requestIds.get(response.path("request_id").asText());
    if (!"control_response".equals(message.path("type").asText()) || ours == null) {
      return message;
    }
    ObjectNode copy = message.deepCopy();
    ((ObjectNode) copy.path("response")).put("request_id", ours);
    return copy;
  }
}
