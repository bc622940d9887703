package dev.hotplex.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.event.EventJson;
import dev.hotplex.session.HotplexException;
import dev.hotplex.session.PoolExhaustedException;
import dev.hotplex.session.SessionBusyException;
import dev.hotplex.session.SessionClosedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** Small helpers for the JSON API on Jetty's core request/response. */
final class Http {
  /** The largest request body accepted (default 1 MiB; {@code hotplex.server.maxBodyBytes}). */
  static final int MAX_BODY_BYTES = Integer.getInteger("hotplex.server.maxBodyBytes", 1 << 20);
  static final String JSON = "application/json";
  static final ObjectMapper MAPPER = EventJson.mapper();

  private Http() {}

  /** A request the client got wrong: becomes a JSON error with this status. */
  static final class ApiException extends RuntimeException {
    private final int status;

    ApiException(int status, String message) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  /**
   * The status for an exception: the API's own, 400 for bad input or a missing agent CLI, 409 for a busy session
   * or a full pool, 410 for a closed session, 500 for anything else.
   */
  static int statusOf(Exception e) {
    if (e instanceof ApiException api) {
      return api.status();
    }
    if (e instanceof PoolExhaustedException || e instanceof SessionBusyException) {
      return 409;
    }
    if (e instanceof SessionClosedException) {
      return 410;
    }
    if (e instanceof HotplexException || e instanceof IllegalArgumentException) {
      return 400; // includes AgentNotFoundException: the message says what to install
    }
    return 500;
  }

  static void sendJson(Response response, Callback callback, int status, Object body) {
    String text;
    try {
      text = MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a response", e);
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON + "; charset=utf-8");
    Content.Sink.write(response, true, text + "\n", callback);
  }

  static void sendError(Response response, Callback callback, int status, String message) {
    sendJson(response, callback, status, Map.of("error", message, "status", status));
  }

  static void sendText(Response response, Callback callback, int status, String contentType, String text) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    Content.Sink.write(response, true, text, callback);
  }

  /** The body as a JSON object; an empty body is an empty object. */
  static JsonNode readJson(Request request) throws IOException {
    byte[] bytes;
    try (InputStream in = Content.Source.asInputStream(request)) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new ApiException(413, "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }
    if (bytes.length == 0) {
      return MAPPER.createObjectNode();
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw badRequest("The request body must be a JSON object.");
    }
    return node;
  }

  static Fields query(Request request) {
    return Request.extractQueryParameters(request, StandardCharsets.UTF_8);
  }

  /** A non-negative integer query parameter, or {@code fallback} when absent. */
  static long longParameter(Fields query, String name, long fallback) {
    String value = query.getValue(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw badRequest("The query parameter " + name + " must be a non-negative integer, not '" + value + "'.");
    }
  }
}
