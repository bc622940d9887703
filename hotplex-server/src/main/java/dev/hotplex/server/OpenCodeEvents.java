package dev.hotplex.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates hotplex events into the event shapes of {@code opencode serve}'s {@code /event} stream
 * ({@code {"type":..., "properties":{...}}}): {@code session.status} busy at a turn's start,
 * {@code message.part.updated} / {@code message.part.delta} for text, reasoning and tools,
 * {@code permission.replied} for policy decisions, {@code message.updated} with cost and tokens, then
 * {@code session.error} (failed turns only), {@code session.status} idle and {@code session.idle} at the end.
 */
final class OpenCodeEvents {
  private OpenCodeEvents() {}

  static String messageId(String sessionId, int turn) {
    return "msg_" + sessionId.substring(sessionId.indexOf('_') + 1) + "_" + turn;
  }

  /** The OpenCode events for one bus item ({@code partNumber} numbers text parts within the stream). */
  static List<ObjectNode> translate(EventBus.Item item, long partNumber) {
    String sessionId = item.sessionId();
    String messageId = messageId(sessionId, item.turn());
    List<ObjectNode> out = new ArrayList<>();
    AgentEvent event = item.event();
    if (event == null) {
      out.add(status(sessionId, "busy"));
    } else if (event instanceof AgentEvents.Text text) {
      out.add(partUpdated(sessionId, part(sessionId, messageId, "prt_" + item.turn() + "_" + partNumber, "text")
          .put("text", text.text())));
    } else if (event instanceof AgentEvents.Thinking thinking) {
      out.add(partUpdated(sessionId, part(sessionId, messageId, "prt_" + item.turn() + "_" + partNumber,
          "reasoning").put("text", thinking.text())));
    } else if (event instanceof AgentEvents.TextDelta delta) {
      ObjectNode properties = properties(sessionId).put("messageID", messageId)
          .put("partID", "prt_" + item.turn() + "_delta").put("field", "text").put("delta", delta.text());
      out.add(event("message.part.delta", properties));
    } else if (event instanceof AgentEvents.ToolUse use) {
      ObjectNode part = part(sessionId, messageId, "prt_" + use.toolUseId(), "tool")
          .put("tool", use.toolName()).put("callID", use.toolUseId());
      part.putObject("state").put("status", "running").set("input", use.input());
      out.add(partUpdated(sessionId, part));
    } else if (event instanceof AgentEvents.ToolResult result) {
      ObjectNode part = part(sessionId, messageId, "prt_" + result.toolUseId(), "tool")
          .put("callID", result.toolUseId());
      ObjectNode state = part.putObject("state").put("status", result.isError() ? "error" : "completed");
      state.put(result.isError() ? "error" : "output", result.content());
      out.add(partUpdated(sessionId, part));
    } else if (event instanceof AgentEvents.ToolDecision decision) {
      out.add(event("permission.replied", properties(sessionId).put("requestID", decision.toolUseId())
          .put("reply", decision.allowed() ? "once" : "reject")));
    } else if (event instanceof AgentEvents.Error error) {
      out.add(sessionError(sessionId, error.message()));
    } else if (event instanceof TurnResult result) {
      out.add(event("message.updated", properties(sessionId).set("info", assistantInfo(sessionId, item.turn(),
          result))));
      if (result.isError()) {
        out.add(sessionError(sessionId, result.errorMessage()));
      }
      out.add(status(sessionId, "idle"));
      out.add(event("session.idle", properties(sessionId)));
    }
    return out;
  }

  /** OpenCode's assistant message info for a finished turn. */
  static ObjectNode assistantInfo(String sessionId, int turn, TurnResult result) {
    ObjectNode info = Http.MAPPER.createObjectNode().put("id", messageId(sessionId, turn)).put("sessionID", sessionId)
        .put("role", "assistant").put("cost", result.costUsd());
    ObjectNode tokens = info.putObject("tokens").put("input", result.usage().inputTokens())
        .put("output", result.usage().outputTokens()).put("reasoning", 0);
    tokens.putObject("cache").put("read", result.usage().cacheReadInputTokens())
        .put("write", result.usage().cacheCreationInputTokens());
    info.putObject("time").put("completed", System.currentTimeMillis());
    if (result.isError()) {
      info.putObject("error").put("name", "UnknownError").putObject("data").put("message", result.errorMessage());
    }
    return info;
  }

  static ObjectNode event(String type, ObjectNode properties) {
    ObjectNode event = Http.MAPPER.createObjectNode().put("type", type);
    event.set("properties", properties);
    return event;
  }

  private static ObjectNode properties(String sessionId) {
    return Http.MAPPER.createObjectNode().put("sessionID", sessionId);
  }

  private static ObjectNode status(String sessionId, String type) {
    ObjectNode properties = properties(sessionId);
    properties.putObject("status").put("type", type);
    return event("session.status", properties);
  }

  private static ObjectNode sessionError(String sessionId, String message) {
    ObjectNode properties = properties(sessionId);
    properties.putObject("error").put("name", "UnknownError").putObject("data").put("message", message);
    return event("session.error", properties);
  }

  private static ObjectNode part(String sessionId, String messageId, String partId, String type) {
    return Http.MAPPER.createObjectNode().put("id", partId).put("sessionID", sessionId).put("messageID", messageId)
        .put("type", type);
  }

  private static ObjectNode partUpdated(String sessionId, ObjectNode part) {
    ObjectNode properties = properties(sessionId);
    properties.set("part", part);
    return event("message.part.updated", properties);
  }
}
