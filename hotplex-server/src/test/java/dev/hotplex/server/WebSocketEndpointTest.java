package dev.hotplex.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.event.EventJson;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class WebSocketEndpointTest {
  @TempDir Path dir;
  DaemonFixture daemon;
  WebSocket socket;
  final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void connect() throws Exception {
    daemon = new DaemonFixture(dir);
    URI uri = URI.create(daemon.server.endpoint().replace("http://", "ws://") + "/v1/ws");
    socket = daemon.http.newWebSocketBuilder().header("Authorization", "Bearer " + daemon.token)
        .buildAsync(uri, new Collector()).get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void close() {
    socket.abort();
    daemon.close();
  }

  private final class Collector implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          received.add(EventJson.mapper().readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }

  private JsonNode next() throws InterruptedException {
    JsonNode message = received.poll(30, TimeUnit.SECONDS);
    assertThat(message).as("a message within 30 s").isNotNull();
    return message;
  }

  private void send(String json) {
    socket.sendText(json, true).join();
  }

  @Test
  void executeStreamsTheTurnsEventsWithTheRequestIdUpToTheResult() throws Exception {
    send("{\"id\":\"c1\",\"type\":\"create_session\",\"session\":{\"name\":\"ws\",\"workDir\":\"" + daemon.workDir()
        + "\"}}");
    JsonNode created = next();
    assertThat(created.path("type").asText()).isEqualTo("session");
    String session = created.path("session").path("id").asText();

    send("{\"id\":\"e1\",\"type\":\"execute\",\"session\":\"" + session + "\",\"prompt\":\"over websocket\"}");
    JsonNode accepted = next();
    assertThat(accepted.path("id").asText()).isEqualTo("e1");
    assertThat(accepted.path("type").asText()).isEqualTo("accepted");
    assertThat(accepted.path("turn").asInt()).isEqualTo(1);

    List<JsonNode> events = new ArrayList<>();
    JsonNode message;
    do {
      message = next();
      assertThat(message.path("id").asText()).isEqualTo("e1");
      assertThat(message.path("seq").asLong()).isEqualTo(events.size());
      events.add(message);
    } while (!message.path("event").path("type").asText().equals("result"));
    assertThat(message.path("event").path("text").asText()).isEqualTo("ECHO: over websocket");

    send("{\"id\":\"r1\",\"type\":\"events\",\"session\":\"" + session + "\",\"turn\":1,\"from\":"
        + (events.size() - 1) + "}");
    JsonNode replayed = next();
    assertThat(replayed.path("id").asText()).isEqualTo("r1");
    assertThat(replayed.path("seq").asLong()).isEqualTo(events.size() - 1);
    assertThat(replayed.path("event").path("type").asText()).isEqualTo("result");

    send("{\"id\":\"s1\",\"type\":\"stats\"}");
    JsonNode stats = next();
    assertThat(stats.path("type").asText()).isEqualTo("stats");
    assertThat(stats.path("stats").path("sessions").asInt()).isEqualTo(1);
    assertThat(stats.path("stats").path("clients").asInt()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void badRequestsGetAnErrorWithTheirId() throws Exception {
    send("{\"id\":\"x1\",\"type\":\"execute\",\"session\":\"ses_0000000000000000\",\"prompt\":\"hi\"}");
    JsonNode error = next();
    assertThat(error.path("id").asText()).isEqualTo("x1");
    assertThat(error.path("type").asText()).isEqualTo("error");
    assertThat(error.path("status").asInt()).isEqualTo(404);

    send("{\"id\":\"x2\",\"type\":\"launch\"}");
    assertThat(next().path("error").asText()).contains("Unknown type 'launch'");
  }
}
