package dev.hotplex.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket client ({@code GET /v1/ws}). Every request is a JSON object with a client-chosen {@code id} and a
 * {@code type}; every reply carries the same {@code id}:
 *
 * <ul>
 *   <li>{@code create_session} with {@code session} (the body of {@code POST /v1/sessions}) answers
 *       {@code session} with {@code created} and the session;
 *   <li>{@code execute} with {@code session} and {@code prompt} answers {@code accepted} with the turn number,
 *       then streams {@code event} messages ({@code session}, {@code turn}, {@code seq}, {@code event}) up to and
 *       including the {@code result} event;
 *   <li>{@code events} with {@code session}, {@code turn} and {@code from} re-attaches to a turn's events;
 *   <li>{@code interrupt} with {@code session} answers {@code ok};
 *   <li>{@code stats} answers {@code stats}.
 * </ul>
 * A request that fails answers {@code error} with {@code status} (HTTP-like) and {@code error} (a sentence).
 *
 * <p>Public only because Jetty invokes its callbacks through method handles; it is not an API.
 */
public final class WebSocketEndpoint extends Session.Listener.AbstractAutoDemanding {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpoint.class);
  /** How long one send may take before the client counts as gone (default 30 s). */
  static final Duration SEND_TIMEOUT = Duration.ofMillis(Long.getLong("hotplex.server.wsSendTimeoutMs", 30_000));

  private final ServerContext context;
  private final ExecutorService streamThreads;
  private volatile boolean open;

  WebSocketEndpoint(ServerContext context, ExecutorService streamThreads) {
    this.context = context;
    this.streamThreads = streamThreads;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    super.onWebSocketOpen(session);
    open = true;
    context.clientEntered();
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    if (open) {
      open = false;
      context.clientLeft();
    }
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    LOG.debug("WebSocket client error (usually a closed connection)", cause);
  }

  @Override
  public void onWebSocketText(String message) {
    String id = null;
    try {
      JsonNode request = Http.MAPPER.readTree(message);
      id = request.path("id").asText(null);
      handle(id, request);
    } catch (JsonProcessingException e) {
      sendError(null, 400, "A message must be a JSON object with id and type: " + e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      int status = Http.statusOf(e);
      if (status == 500) {
        LOG.warn("WebSocket request failed", e);
        context.metrics().requestFailed();
      }
      sendError(id, status, status == 500 ? "The daemon failed: " + e.getMessage() : e.getMessage());
    }
  }

  private void handle(String id, JsonNode request) throws IOException {
    String sessionId = request.path("session").asText(null);
    switch (request.path("type").asText()) {
      case "create_session" -> {
        SessionRequest parsed = SessionRequest.parse(request.path("session"), context.sessionDefaults());
        DaemonSessions.Opened opened = context.sessions().open(parsed);
        if (opened.created()) {
          context.metrics().sessionCreated();
        }
        ObjectNode reply = reply(id, "session").put("created", opened.created());
        reply.set("session", opened.session().describe());
        send(reply.toString());
      }
      case "execute" -> {
        String prompt = request.path("prompt").asText("");
        if (prompt.isBlank()) {
          throw Http.badRequest("execute needs a non-empty prompt.");
        }
        DaemonSession.TurnRecord turn = context.startTurn(context.sessions().get(sessionId), prompt, null);
        send(reply(id, "accepted").put("session", sessionId).put("turn", turn.number()).toString());
        stream(id, sessionId, turn.number(), turn.log(), 0);
      }
      case "events" -> {
        int number = request.path("turn").asInt();
        TurnLog log = context.sessions().get(sessionId).turn(number)
            .orElseThrow(() -> Http.notFound("Session " + sessionId + " has no turn " + number + "."))
            .log();
        stream(id, sessionId, number, log, Math.max(0, request.path("from").asLong()));
      }
      case "interrupt" -> {
        context.sessions().get(sessionId).interrupt();
        send(reply(id, "ok").toString());
      }
      case "stats" -> {
        ObjectNode reply = reply(id, "stats");
        reply.set("stats", context.stats());
        send(reply.toString());
      }
      default -> throw Http.badRequest("Unknown type '" + request.path("type").asText()
          + "'. Known: create_session, execute, events, interrupt, stats.");
    }
  }

  /** Sends the log's events from {@code from} on, on a stream thread, until the result or the socket closes. */
  private void stream(String id, String sessionId, int turn, TurnLog log, long from) {
    log.requireStart(from);
    if (!context.streams().tryAcquire()) {
      throw new Http.ApiException(503, "Too many event streams (" + EventStream.MAX_STREAMS + "); retry later.");
    }
    String prefix = "{\"id\":" + Http.MAPPER.valueToTree(id) + ",\"type\":\"event\",\"session\":"
        + Http.MAPPER.valueToTree(sessionId) + ",\"turn\":" + turn + ",\"seq\":";
    streamThreads.execute(() -> {
      context.streams().enter();
      try {
        long next = from;
        while (open) {
          List<TurnLog.Entry> batch = log.read(next, EventStream.KEEP_ALIVE);
          if (batch.isEmpty() && log.complete()) {
            return;
          }
          for (TurnLog.Entry entry : batch) {
            send(prefix + entry.seq() + ",\"event\":" + entry.json() + "}");
            next = entry.seq() + 1;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.debug("A WebSocket event stream ended early", e);
      } finally {
        context.streams().exit();
        context.streams().release();
      }
    });
  }

  private static ObjectNode reply(String id, String type) {
    return Http.MAPPER.createObjectNode().put("id", id).put("type", type);
  }

  private void sendError(String id, int status, String message) {
    send(reply(id, "error").put("status", status).put("error", message).toString());
  }

  /** Sends one text message and waits for it, one at a time (replies and streams share the socket). */
  private synchronized void send(String text) {
    Session session = getSession();
    if (session == null || !session.isOpen()) {
      throw new IllegalStateException("the WebSocket is closed");
    }
    Callback.Completable sent = new Callback.Completable();
    session.sendText(text, sent);
    try {
      sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending", e);
    } catch (ExecutionException | TimeoutException e) {
      session.close();
      throw new IllegalStateException("the WebSocket client stopped reading", e);
    }
  }
}
