package dev.hotplex.provider.acp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.provider.JsonLines;
import java.nio.file.Path;

/**
 * The JSON-RPC 2.0 messages hotplex writes to an ACP agent, shaped as the recorded transcripts of {@code opencode acp}
 * and {@code gemini --acp} show (see {@code agent-protocols/README.md}).
 */
final class AcpWire {
  /** Shared and thread-safe once configured; used for every line in both directions. */
  static final ObjectMapper JSON = JsonLines.newMapper();
  static final int PROTOCOL_VERSION = 1;
  /** JSON-RPC "method not found", for agent requests hotplex does not serve. */
  static final int METHOD_NOT_FOUND = -32601;

  static final String INITIALIZE = "initialize";
  static final String SESSION_NEW = "session/new";
  static final String SESSION_LOAD = "session/load";
  static final String SESSION_PROMPT = "session/prompt";
  static final String SESSION_CANCEL = "session/cancel";
  static final String SESSION_UPDATE = "session/update";
  static final String REQUEST_PERMISSION = "session/request_permission";

  private AcpWire() {}

  static String request(long id, String method, JsonNode params) {
    ObjectNode message = envelope();
    message.put("id", id);
    message.put("method", method);
    message.set("params", params);
    return write(message);
  }

  static String notification(String method, JsonNode params) {
    ObjectNode message = envelope();
    message.put("method", method);
    message.set("params", params);
    return write(message);
  }

  static String result(JsonNode id, JsonNode result) {
    ObjectNode message = envelope();
    message.set("id", id);
    message.set("result", result);
    return write(message);
  }

  static String error(JsonNode id, int code, String text) {
    ObjectNode message = envelope();
    message.set("id", id);
    message.putObject("error").put("code", code).put("message", text);
    return write(message);
  }

  /**
   * {@code initialize}: protocol version 1, and no file system or terminal capability, so that the agent reads,
   * writes and runs commands itself, through the tool calls it asks hotplex to permit.
   */
  static ObjectNode initializeParams() {
    ObjectNode params = JSON.createObjectNode();
    params.put("protocolVersion", PROTOCOL_VERSION);
    ObjectNode capabilities = params.putObject("clientCapabilities");
    capabilities.putObject("fs").put("readTextFile", false).put("writeTextFile", false);
    capabilities.put("terminal", false);
    return params;
  }

  /** {@code session/new {cwd, mcpServers:[]}}, or {@code session/load} with the id to resume. */
  static ObjectNode sessionParams(Path cwd, String resumeSessionId) {
    ObjectNode params = JSON.createObjectNode();
    if (resumeSessionId != null) {
      params.put("sessionId", resumeSessionId);
    }
    params.put("cwd", cwd.toString());
    params.putArray("mcpServers");
    return params;
  }

  static ObjectNode promptParams(String sessionId, String prompt) {
    ObjectNode params = sessionIdParams(sessionId);
    params.putArray("prompt").addObject().put("type", "text").put("text", prompt);
    return params;
  }

  static ObjectNode sessionIdParams(String sessionId) {
    return JSON.createObjectNode().put("sessionId", sessionId);
  }

  /** The answer to a permission request: {@code {"outcome":{"outcome":"selected","optionId":..}}}. */
  static ObjectNode selected(String optionId) {
    ObjectNode result = JSON.createObjectNode();
    result.putObject("outcome").put("outcome", "selected").put("optionId", optionId);
    return result;
  }

  /** The answer to a permission request of a cancelled turn: {@code {"outcome":{"outcome":"cancelled"}}}. */
  static ObjectNode cancelled() {
    ObjectNode result = JSON.createObjectNode();
    result.putObject("outcome").put("outcome", "cancelled");
    return result;
  }

  /** The current value of a session's model or mode: ACP's {@code models}/{@code modes}, or a config option. */
  static String currentValue(JsonNode result, String group, String currentField, String configOptionId) {
    String current = textOrNull(result.path(group), currentField);
    if (current != null) {
      return current;
    }
    for (JsonNode option : result.path("configOptions")) {
      if (configOptionId.equals(option.path("id").asText())) {
        return textOrNull(option, "currentValue");
      }
    }
    return null;
  }

  static String errorText(JsonNode response) {
    JsonNode error = response.path("error");
    String text = error.path("message").asText("");
    return (text.isEmpty() ? "no message" : text) + (error.has("code") ? " (code " + error.path("code") + ")" : "");
  }

  static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static ObjectNode envelope() {
    return JSON.createObjectNode().put("jsonrpc", "2.0");
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serializes; reaching this is a bug, not bad input.
      throw new IllegalStateException("could not serialize an ACP message", e);
    }
  }
}
