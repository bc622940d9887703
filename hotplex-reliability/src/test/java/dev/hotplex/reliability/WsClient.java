package dev.hotplex.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.event.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client of the daemon's WebSocket API ({@code /v1/ws}): send a request, read its replies until its end. */
final class WsClient implements AutoCloseable {
  private final WebSocket socket;
  private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

  private WsClient(WebSocket socket) {
    this.socket = socket;
  }

  /** Connects to {@code endpoint} ({@code http://127.0.0.1:PORT}) with the bearer token. */
  static WsClient connect(URI endpoint, String token) throws Exception {
    Reader reader = new Reader();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
        .buildAsync(URI.create(endpoint.toString().replaceFirst("^http", "ws") + "/v1/ws"), reader)
        .get(30, TimeUnit.SECONDS);
    WsClient client = new WsClient(socket);
    reader.client = client;
    return client;
  }

  /**
   * Sends {@code request} and returns every message that comes back until the turn's {@code result} event or an
   * {@code error} reply (both included).
   *
   * @throws IllegalStateException when that end does not come within {@code limit}
   */
  List<JsonNode> untilResult(String request, Duration limit) throws InterruptedException {
    socket.sendText(request, true).join();
    List<JsonNode> replies = new ArrayList<>();
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      JsonNode message = messages.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (message == null) {
        throw new IllegalStateException("no result within " + limit + " after " + replies);
      }
      replies.add(message);
      if (message.path("type").asText().equals("error")
          || message.path("event").path("type").asText().equals("result")) {
        return replies;
      }
    }
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
  }

  /** Collects whole text messages (they may come in parts). */
  private static final class Reader implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private volatile WsClient client;

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          client.messages.add(EventJson.mapper().readTree(partial.toString()));
        } catch (IOException e) {
          throw new IllegalStateException("the daemon sent a message that is not JSON: " + partial, e);
        }
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }
  }
}
