package dev.hotplex.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /v1} and {@code /metrics} (see docs/daemon.md for every route with examples):
 * sessions (create or re-use, list, inspect, close), turns (start, inspect, stream their events), interrupt,
 * stats and shutdown.
 */
final class RestApi extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);

  private final ServerContext context;

  RestApi(ServerContext context) {
    this.context = context;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String[] parts = Request.getPathInContext(request).replaceAll("^/+|/+$", "").split("/");
    return guard(request, response, callback, () -> route(request.getMethod(), parts, request, response, callback));
  }

  /** A request's work; may throw what {@link #guard} turns into error responses. */
  interface Action {
    void run() throws IOException;
  }

  /** Runs {@code action}, turning exceptions into JSON errors ({@link Http#statusOf}); 500s are logged. */
  boolean guard(Request request, Response response, Callback callback, Action action) {
    try {
      action.run();
    } catch (IOException | RuntimeException e) {
      int status = Http.statusOf(e);
      if (status == 500) {
        LOG.warn("Request {} {} failed", request.getMethod(), request.getHttpURI().getPath(), e);
        context.metrics().requestFailed();
      }
      Http.sendError(response, callback, status, status == 500 ? "The daemon failed: " + e.getMessage()
          : e.getMessage());
    }
    return true;
  }

  private void route(String method, String[] p, Request request, Response response, Callback callback)
      throws IOException {
    if (p.length == 1 && p[0].equals("metrics") && method.equals("GET")) {
      Http.sendText(response, callback, 200, context.metrics().contentType(), context.metrics().scrape());
      return;
    }
    if (p.length < 2 || !p[0].equals("v1")) {
      throw Http.notFound("No route " + method + " " + request.getHttpURI().getPath() + "; see docs/daemon.md.");
    }
    String key = method + " " + String.join("/", shape(p));
    switch (key) {
      case "GET v1/stats" -> Http.sendJson(response, callback, 200, context.stats());
      case "POST v1/shutdown" -> {
        Http.sendJson(response, callback, 202, Http.MAPPER.createObjectNode().put("stopping", true));
        context.shutdown();
      }
      case "GET v1/sessions" -> Http.sendJson(response, callback, 200, listSessions());
      case "POST v1/sessions" -> createSession(request, response, callback);
      case "GET v1/sessions/*" -> Http.sendJson(response, callback, 200, context.sessions().get(p[2]).describe());
      case "DELETE v1/sessions/*" -> {
        context.sessions().close(p[2]);
        Http.sendJson(response, callback, 200, Http.MAPPER.createObjectNode().put("id", p[2]).put("closed", true));
      }
      case "POST v1/sessions/*/interrupt" -> {
        context.sessions().get(p[2]).interrupt();
        Http.sendJson(response, callback, 202, Http.MAPPER.createObjectNode().put("id", p[2]).put("interrupted", true));
      }
      case "POST v1/sessions/*/turns" -> startTurn(p[2], request, response, callback);
      case "POST v1/sessions/*/turns/*/cancel" -> {
        int turn = turnNumber(p[4]);
        context.sessions().get(p[2]).cancel(turn);
        Http.sendJson(response, callback, 202, Http.MAPPER.createObjectNode().put("session", p[2]).put("turn", turn)
            .put("cancelled", true));
      }
      case "GET v1/sessions/*/turns/*" -> Http.sendJson(response, callback, 200, describeTurn(p[2], turnNumber(p[4])));
      case "GET v1/sessions/*/turns/*/events" ->
          context.streams().serve(log(p[2], turnNumber(p[4])), EventStream.startSeq(request), response, callback);
      default -> throw Http.notFound("No route " + method + " " + request.getHttpURI().getPath()
          + "; see docs/daemon.md.");
    }
  }

  /** The path with its variable segments (session id, turn number) replaced by {@code *}. */
  private static String[] shape(String[] p) {
    String[] shape = p.clone();
    if (shape.length > 2 && shape[1].equals("sessions")) {
      shape[2] = "*";
    }
    if (shape.length > 4 && shape[3].equals("turns")) {
      shape[4] = "*";
    }
    return shape;
  }

  private ArrayNode listSessions() {
    ArrayNode list = Http.MAPPER.createArrayNode();
    context.sessions().all().forEach(session -> list.add(session.describe()));
    return list;
  }

  private void createSession(Request request, Response response, Callback callback) throws IOException {
    SessionRequest parsed = SessionRequest.parse(Http.readJson(request), context.sessionDefaults());
    DaemonSessions.Opened opened = context.sessions().open(parsed);
    if (opened.created()) {
      context.metrics().sessionCreated();
    }
    Http.sendJson(response, callback, opened.created() ? 201 : 200, opened.session().describe());
  }

  private void startTurn(String sessionId, Request request, Response response, Callback callback) throws IOException {
    JsonNode body = Http.readJson(request);
    JsonNode prompt = body.get("prompt");
    if (prompt == null || !prompt.isTextual() || prompt.asText().isBlank()) {
      throw Http.badRequest("The body must be {\"prompt\":\"...\"} with a non-empty prompt.");
    }
    TurnTools tools = TurnTools.parse(body);
    DaemonSession session = context.sessions().get(sessionId);
    DaemonSession.TurnRecord turn = context.startTurn(session, prompt.asText(), tools);
    ObjectNode accepted = Http.MAPPER.createObjectNode()
        .put("session", sessionId)
        .put("turn", turn.number())
        .put("events", "/v1/sessions/" + sessionId + "/turns/" + turn.number() + "/events");
    Http.sendJson(response, callback, 202, accepted);
  }

  private ObjectNode describeTurn(String sessionId, int number) throws IOException {
    TurnLog log = log(sessionId, number);
    ObjectNode json = Http.MAPPER.createObjectNode()
        .put("session", sessionId)
        .put("turn", number)
        .put("complete", log.complete())
        .put("events", log.size());
    String result = log.resultJson();
    if (result != null) {
      json.set("result", Http.MAPPER.readTree(result));
    }
    return json;
  }

  private TurnLog log(String sessionId, int number) throws IOException {
    Optional<DaemonSession> session = context.sessions().find(sessionId);
    if (session.isPresent()) {
      return session.get().turn(number).map(DaemonSession.TurnRecord::log).orElseThrow(() -> Http.notFound(
          "Session " + sessionId + " has no turn " + number + " (it has " + session.get().turnCount() + ")."));
    }
    return context.sessions().orphanLog(sessionId, number).orElseThrow(() -> Http.notFound(
        "No session '" + sessionId + "' and no stored log of its turn " + number + "."));
  }

  private static int turnNumber(String text) {
    try {
      int number = Integer.parseInt(text);
      if (number < 1) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw Http.badRequest("A turn number is 1 or more, not '" + text + "'.");
    }
  }
}
