package dev.hotplex.provider.codex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.provider.JsonLines;

/**
 * The lines hotplex writes to {@code codex app-server}: JSON-RPC 2.0 messages WITHOUT the {@code "jsonrpc"} field,
 * one per line, shaped as the recorded transcripts and {@code codex app-server generate-json-schema} (0.169.0) show.
 */
final class CodexWire {
  /** Shared and thread-safe once configured; used for every line in both directions. */
  static final ObjectMapper JSON = JsonLines.newMapper();
  /** JSON-RPC "method not found", for server requests hotplex does not handle. */
  static final int METHOD_NOT_FOUND = -32601;

  private CodexWire() {}

  /** A request from hotplex: {@code {"id":N,"method":..,"params":{..}}}. */
  static String request(long id, String method, ObjectNode params) {
    ObjectNode line = JSON.createObjectNode();
    line.put("id", id);
    line.put("method", method);
    line.set("params", params);
    return write(line);
  }

  /** A notification from hotplex (no id, no params), e.g. {@code initialized}. */
  static String notification(String method) {
    return write(JSON.createObjectNode().put("method", method));
  }

  /** The answer to one of the app-server's requests; {@code id} is echoed exactly as received. */
  static String response(JsonNode id, JsonNode result) {
    ObjectNode line = JSON.createObjectNode();
    line.set("id", id);
    line.set("result", result);
    return write(line);
  }

  /** An error answer, so that the app-server never waits for a reply that will not come. */
  static String errorResponse(JsonNode id, int code, String message) {
    ObjectNode line = JSON.createObjectNode();
    line.set("id", id);
    line.putObject("error").put("code", code).put("message", message);
    return write(line);
  }

  /** {@code initialize {clientInfo}}: the first request the app-server accepts. */
  static ObjectNode initializeParams(String version) {
    ObjectNode params = JSON.createObjectNode();
    params.putObject("clientInfo").put("name", "hotplex").put("title", "hotplex").put("version", version);
    return params;
  }

  /** {@code turn/start {threadId, input:[{type:"text", text}]}}. */
  static ObjectNode turnStartParams(String threadId, String prompt) {
    ObjectNode params = JSON.createObjectNode().put("threadId", threadId);
    params.putArray("input").addObject().put("type", "text").put("text", prompt);
    return params;
  }

  /** {@code turn/interrupt {threadId, turnId}}. */
  static ObjectNode turnInterruptParams(String threadId, String turnId) {
    return JSON.createObjectNode().put("threadId", threadId).put("turnId", turnId);
  }

  /** An approval answer: {@code {"decision":"accept"|"decline"|"cancel"}}. */
  static ObjectNode decision(String decision) {
    return JSON.createObjectNode().put("decision", decision);
  }

  static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serializes; reaching this is a bug, not bad input.
      throw new IllegalStateException("could not serialize a Codex app-server message", e);
    }
  }
}
