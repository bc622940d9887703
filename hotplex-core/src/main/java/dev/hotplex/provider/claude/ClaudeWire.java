package dev.hotplex.provider.claude;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.provider.JsonLines;

/**
 * The lines hotplex writes to Claude Code's stdin in {@code --input-format stream-json} mode, shaped exactly as
 * the recorded transcripts show the CLI accepts them (see {@code agent-protocols/README.md}).
 */
final class ClaudeWire {
  /** Shared and thread-safe once configured; used for every line in both directions. */
  static final ObjectMapper JSON = JsonLines.newMapper();

  static final String TYPE_CONTROL_REQUEST = "control_request";
  static final String TYPE_CONTROL_RESPONSE = "control_response";
  static final String TYPE_CONTROL_CANCEL = "control_cancel_request";
  /** The id of hotplex's one hook callback, registered at {@code initialize}. */
  static final String PRE_TOOL_USE_CALLBACK_ID = "hotplex_pre_tool_use";

  private ClaudeWire() {}

  /** A user turn: {@code {"type":"user","session_id":"","parent_tool_use_id":null,"message":{...}}}. */
  static String userMessage(String prompt) {
    ObjectNode line = JSON.createObjectNode();
    line.put("type", "user");
    line.put("session_id", "");
    line.putNull("parent_tool_use_id");
    ObjectNode message = line.putObject("message");
    message.put("role", "user");
    ObjectNode text = message.putArray("content").addObject();
    text.put("type", "text");
    text.put("text", prompt);
    return write(line);
  }

  /** A host-to-CLI control request such as {@code initialize} or {@code interrupt}. */
  static String controlRequest(String requestId, ObjectNode request) {
    ObjectNode line = JSON.createObjectNode();
    line.put("type", TYPE_CONTROL_REQUEST);
    line.put("request_id", requestId);
    line.set("request", request);
    return write(line);
  }

  /**
   * {@code initialize} with one {@code PreToolUse} hook for every tool ({@code "matcher":null}). Its answer,
   * {@link #preToolUseAsk()}, makes the CLI ask through {@code can_use_tool} even for calls it would otherwise
   * approve by itself (read-only commands, reads in the working directory, allow rules from settings files).
   * Checked with Claude Code 2.1.330: {@code ls} and {@code Read} reach the policy only with this hook.
   */
  static ObjectNode initializeRequest() {
    ObjectNode request = requestBody("initialize");
    ObjectNode matcher = request.putObject("hooks").putArray("PreToolUse").addObject();
    matcher.putNull("matcher");
    matcher.putArray("hookCallbackIds").add(PRE_TOOL_USE_CALLBACK_ID);
    return request;
  }

  /** The hook's answer: "ask", so that the decision is always hotplex's, made once, in {@code can_use_tool}. */
  static ObjectNode preToolUseAsk() {
    ObjectNode payload = JSON.createObjectNode();
    ObjectNode output = payload.putObject("hookSpecificOutput");
    output.put("hookEventName", "PreToolUse");
    output.put("permissionDecision", "ask");
    output.put("permissionDecisionReason", "hotplex's permission policy decides every tool call");
    return payload;
  }

  /** The {@code request} body of a control request with only a subtype. */
  static ObjectNode requestBody(String subtype) {
    ObjectNode request = JSON.createObjectNode();
    request.put("subtype", subtype);
    return request;
  }

  /** A success answer to one of the CLI's control requests. */
  static String successResponse(String requestId, JsonNode payload) {
    ObjectNode response = JSON.createObjectNode();
    response.put("subtype", "success");
    response.put("request_id", requestId);
    response.set("response", payload);
    return wrapResponse(response);
  }

  /** An error answer, so that the CLI never waits for a reply that will not come. */
  static String errorResponse(String requestId, String error) {
    ObjectNode response = JSON.createObjectNode();
    response.put("subtype", "error");
    response.put("request_id", requestId);
    response.put("error", error);
    return wrapResponse(response);
  }

  /**
   * The {@code can_use_tool} answer for a decision: {@code {"behavior":"allow","updatedInput":{...}}} (the CLI
   * runs the tool with exactly this input, so the original is echoed when the policy did not rewrite it) or
   * {@code {"behavior":"deny","message":"..."}} with {@code "interrupt":true} when the turn must stop.
   */
  static ObjectNode permissionPayload(PermissionDecision decision, JsonNode originalInput) {
    ObjectNode payload = JSON.createObjectNode();
    if (decision instanceof PermissionDecision.Allow allow) {
      payload.put("behavior", "allow");
      payload.set("updatedInput", allow.updatedInput() != null ? allow.updatedInput() : originalInput);
      return payload;
    }
    PermissionDecision.Deny deny = (PermissionDecision.Deny) decision;
    payload.put("behavior", "deny");
    payload.put("message", deny.reason() == null || deny.reason().isBlank()
        ? "Denied by hotplex's permission policy." : deny.reason());
    if (deny.interrupt()) {
      payload.put("interrupt", true);
    }
    return payload;
  }

  private static String wrapResponse(ObjectNode response) {
    ObjectNode line = JSON.createObjectNode();
    line.put("type", TYPE_CONTROL_RESPONSE);
    line.set("response", response);
    return write(line);
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serializes; reaching this is a bug, not bad input.
      throw new IllegalStateException("could not serialize a Claude Code message", e);
    }
  }
}
