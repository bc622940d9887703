package dev.hotplex.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.event.TurnResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The subset of {@code opencode serve}'s HTTP API that OpenCode clients use, so they can drive any hotplex
 * provider: {@code POST /session} (query {@code directory} = working directory, else the daemon's default),
 * {@code GET /session}, {@code GET|DELETE /session/{id}}, {@code POST /session/{id}/message} (waits for the turn;
 * answers {@code {info, parts}}), {@code POST /session/{id}/prompt_async} (204), {@code POST /session/{id}/abort},
 * and {@code GET /event} (SSE; {@code ?sessionID=} keeps one session's events). Sessions get the daemon's default
 * tools (none unless the daemon was started with some), so tool calls are denied unless allowed.
 */
final class OpenCodeApi extends Handler.Abstract {
  private final ServerContext context;
  private final RestApi errors;

  OpenCodeApi(ServerContext context, RestApi errors) {
    this.context = context;
    this.errors = errors;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    return errors.guard(request, response, callback, () -> route(request, response, callback));
  }

  private void route(Request request, Response response, Callback callback) throws IOException {
    String[] p = Request.getPathInContext(request).replaceAll("^/+|/+$", "").split("/");
    String method = request.getMethod();
    String shape = method + " " + (p.length > 1 ? p[0] + "/*" + (p.length > 2 ? "/" + p[2] : "") : p[0]);
    switch (shape) {
      case "GET event" -> events(request, response, callback);
      case "POST session" -> createSession(request, response, callback);
      case "GET session" -> {
        ArrayNode list = Http.MAPPER.createArrayNode();
        context.sessions().all().forEach(session -> list.add(info(session)));
        Http.sendJson(response, callback, 200, list);
      }
      case "GET session/*" -> Http.sendJson(response, callback, 200, info(context.sessions().get(p[1])));
      case "DELETE session/*" -> {
        context.sessions().close(p[1]);
        Http.sendJson(response, callback, 200, true);
      }
      case "POST session/*/abort" -> {
        context.sessions().get(p[1]).interrupt();
        Http.sendJson(response, callback, 200, true);
      }
      case "POST session/*/prompt_async" -> {
        context.startTurn(context.sessions().get(p[1]), promptText(Http.readJson(request)), null);
        response.setStatus(204);
        callback.succeeded();
      }
      case "POST session/*/message" -> message(p[1], request, response, callback);
      default -> throw Http.notFound("No OpenCode route " + method + " " + request.getHttpURI().getPath() + ".");
    }
  }

  private void createSession(Request request, Response response, Callback callback) throws IOException {
    JsonNode body = Http.readJson(request);
    String directory = Http.query(request).getValue("directory");
    ObjectNode spec = Http.MAPPER.createObjectNode().put("workDir", directory != null ? directory
        : context.sessionDefaults().workDir().toString());
    if (body.hasNonNull("title")) {
      spec.put("name", body.get("title").asText());
    }
    spec.put("scope", "opencode");
    DaemonSessions.Opened opened = context.sessions().open(SessionRequest.parse(spec, context.sessionDefaults()));
    if (opened.created()) {
      context.metrics().sessionCreated();
    }
    Http.sendJson(response, callback, 200, info(opened.session()));
  }

  private void message(String sessionId, Request request, Response response, Callback callback) throws IOException {
    DaemonSession session = context.sessions().get(sessionId);
    DaemonSession.TurnRecord turn = context.startTurn(session, promptText(Http.readJson(request)), null);
    TurnResult result = turn.turn().result().join(); // always completes normally
    ObjectNode reply = Http.MAPPER.createObjectNode();
    reply.set("info", OpenCodeEvents.assistantInfo(sessionId, turn.number(), result));
    ArrayNode parts = reply.putArray("parts");
    parts.addObject().put("id", "prt_" + turn.number() + "_result").put("sessionID", sessionId)
        .put("messageID", OpenCodeEvents.messageId(sessionId, turn.number())).put("type", "text")
        .put("text", result.text());
    Http.sendJson(response, callback, 200, reply);
  }

  private static String promptText(JsonNode body) {
    StringBuilder text = new StringBuilder();
    for (JsonNode part : body.path("parts")) {
      if (part.path("type").asText().equals("text")) {
        text.append(text.length() == 0 ? "" : "\n").append(part.path("text").asText());
      }
    }
    if (text.toString().isBlank()) {
      throw Http.badRequest("The body must be {\"parts\":[{\"type\":\"text\",\"text\":\"...\"}]}.");
    }
    return text.toString();
  }

  private static ObjectNode info(DaemonSession session) {
    ObjectNode described = session.describe();
    ObjectNode info = Http.MAPPER.createObjectNode().put("id", session.id())
        .put("title", described.path("name").asText()).put("directory", described.path("workDir").asText())
        .put("projectID", "hotplex").put("version", "hotplex");
    long created = java.time.Instant.parse(described.path("created").asText()).toEpochMilli();
    info.putObject("time").put("created", created).put("updated", created);
    return info;
  }

  /** The daemon-wide SSE stream: {@code server.connected}, then each translated event as it happens. */
  private void events(Request request, Response response, Callback callback) throws IOException {
    if (!context.streams().tryAcquire()) {
      throw new Http.ApiException(503, "Too many event streams (" + EventStream.MAX_STREAMS + "); retry later.");
    }
    String sessionFilter = Http.query(request).getValue("sessionID");
    context.streams().enter();
    EventStream.startSse(response);
    try (EventBus.Subscription subscription = context.bus().subscribe(sessionFilter);
        OutputStream out = Content.Sink.asOutputStream(response)) {
      write(out, OpenCodeEvents.event("server.connected", Http.MAPPER.createObjectNode()));
      long parts = 0;
      while (!subscription.overflowed()) {
        EventBus.Item item = subscription.next(EventStream.KEEP_ALIVE);
        if (item == null) {
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        } else {
          for (ObjectNode event : OpenCodeEvents.translate(item, ++parts)) {
            write(out, event);
          }
        }
        out.flush();
      }
      callback.succeeded(); // dropped for falling behind: the client reconnects
    } catch (IOException e) {
      callback.failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      callback.failed(e);
    } finally {
      context.streams().exit();
      context.streams().release();
    }
  }

  private static void write(OutputStream out, ObjectNode event) throws IOException {
    out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
  }
}
