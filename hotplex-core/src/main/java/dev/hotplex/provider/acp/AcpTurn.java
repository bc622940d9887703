package dev.hotplex.provider.acp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.event.Usage;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.provider.ProtocolPeer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One prompt turn of an ACP agent: turns its {@code session/update} notifications into hotplex events and its
 * {@code session/prompt} result into the {@link TurnResult}. Message chunks become one {@link AgentEvents.Text} per
 * assistant message (and {@link AgentEvents.TextDelta}s when partial messages are on); each tool call becomes one
 * {@link AgentEvents.ToolUse} and at most one {@link AgentEvents.ToolResult}. Used from the reader thread only.
 */
final class AcpTurn {
  private static final Map<String, String> STOP_REASONS = Map.of(
      "cancelled", "the turn was cancelled (interrupted)",
      "max_tokens", "the model reached its output token limit",
      "max_turn_requests", "the agent reached its limit of model requests for one turn",
      "refusal", "the model refused to go on");

  /** What is known about one tool call; the input is the most complete raw input seen. */
  static final class Tool {
    final String name;
    JsonNode input;
    boolean rawInput;
    boolean announced;
    boolean finished;

    Tool(String name) {
      this.name = name;
    }
  }

  private final AcpAgent agent;
  private final ProtocolPeer peer;
  private final boolean partialMessages;
  private final Map<String, Tool> tools = new HashMap<>();
  private final StringBuilder block = new StringBuilder();
  private String blockKind;
  private String blockMessageId;
  private String lastText = "";
  /** The first call hotplex rejected in this turn, described for a message; set from the decision's thread. */
  private volatile String firstRejection;

  AcpTurn(AcpAgent agent, ProtocolPeer peer, boolean partialMessages) {
    this.agent = agent;
    this.peer = peer;
    this.partialMessages = partialMessages;
  }

  /** Decodes one {@code session/update} notification's {@code update} object. */
  void onUpdate(JsonNode update) {
    String kind = update.path("sessionUpdate").asText("");
    switch (kind) {
      case "agent_message_chunk":
        onChunk("text", update);
        break;
      case "agent_thought_chunk":
        onChunk("thought", update);
        break;
      case "tool_call":
      case "tool_call_update":
        onToolUpdate(update);
        break;
      default:
        peer.emit(new AgentEvents.Raw("session/update/" + (kind.isEmpty() ? "unknown" : kind), update));
        break;
    }
  }

  /**
   * The tool a permission request is about, announced now if no update announced it yet (Gemini asks before it
   * reports the call at all).
   */
  Tool onPermissionRequest(JsonNode toolCall) {
    Tool tool = tool(toolCall);
    remember(tool, toolCall);
    announce(tool, toolCall);
    return tool;
  }

  /** hotplex rejected {@code call} ({@code reason} is the deny message, null if there was none). */
  void rejected(ToolCall call, String reason) {
    if (firstRejection == null) {
      firstRejection = call.toolName() + (call.command() != null ? " `" + call.command() + "`" : "")
          + (reason != null ? " (" + reason + ")" : "");
    }
  }

  /** The turn's result from the {@code session/prompt} result {@code {stopReason, usage?, _meta?}}. */
  TurnResult finish(JsonNode result, String sessionId) {
    flush();
    String stopReason = result.path("stopReason").asText("");
    String rejection = firstRejection;
    if ("end_turn".equals(stopReason) && rejection != null && agent.endsTurnOnRejection()) {
      return new TurnResult(lastText, true, "error_permission_denied", sessionId, usage(result), 0, 0, 0, 0, 0,
          List.of(), stopReason, null, agent.displayName() + " ended the turn when hotplex denied " + rejection
          + ". It does not tell the model why a call was denied, so the agent could not go on: allow what the task"
          + " needs (allowed tools, policy) or ask for the work in a way that avoids the denied call.");
    }
    boolean success = "end_turn".equals(stopReason);
    String subtype = success ? "success" : "cancelled".equals(stopReason) ? "error_during_execution"
        : "error_" + (stopReason.isEmpty() ? "unknown" : stopReason);
    String error = success ? null : agent.displayName() + " ended the turn with stop reason '" + stopReason + "'"
        + (STOP_REASONS.containsKey(stopReason) ? ": " + STOP_REASONS.get(stopReason) : "");
    return new TurnResult(lastText, !success, subtype, sessionId, usage(result), 0, 0, 0, 0, 0, List.of(),
        stopReason.isEmpty() ? null : stopReason, null, error);
  }

  /** A failed turn: the agent answered the prompt with a JSON-RPC error, or could not start a session. */
  TurnResult failed(String message, String sessionId) {
    return failed(message, sessionId, "error_during_execution");
  }

  /** A turn that failed for {@code subtype}'s reason, with {@code message}. */
  TurnResult failed(String message, String sessionId, String subtype) {
    flush();
    return TurnResult.failure(subtype, message, sessionId, 0, 0, List.of());
  }

  private void onChunk(String kind, JsonNode update) {
    JsonNode content = update.path("content");
    if (!"text".equals(content.path("type").asText())) {
      peer.emit(new AgentEvents.Raw("session/update/" + update.path("sessionUpdate").asText(), update));
      return;
    }
    String messageId = AcpWire.textOrNull(update, "messageId");
    boolean sameMessage = messageId == null || blockMessageId == null || messageId.equals(blockMessageId);
    if (!kind.equals(blockKind) || !sameMessage) {
      flush();
    }
    blockKind = kind;
    blockMessageId = messageId;
    String text = content.path("text").asText("");
    block.append(text);
    if (partialMessages && "text".equals(kind)) {
      peer.emit(new AgentEvents.TextDelta(text));
    }
  }

  private void onToolUpdate(JsonNode update) {
    flush();
    Tool tool = tool(update);
    remember(tool, update);
    String status = update.path("status").asText("");
    // OpenCode first announces a call as "pending" with an empty input and sends the input with "in_progress".
    if (!"pending".equals(status)) {
      announce(tool, update);
    }
    if (("completed".equals(status) || "failed".equals(status)) && !tool.finished) {
      tool.finished = true;
      peer.emit(new AgentEvents.ToolResult(AcpWire.textOrNull(update, "toolCallId"), resultText(update),
          "failed".equals(status)));
    }
  }

  private Tool tool(JsonNode toolCall) {
    String id = toolCall.path("toolCallId").asText("");
    return tools.computeIfAbsent(id, key -> new Tool(agent.toolName(key,
        "tool_call".equals(toolCall.path("sessionUpdate").asText()) ? AcpWire.textOrNull(toolCall, "title") : null,
        AcpWire.textOrNull(toolCall, "kind"))));
  }

  /** Keeps the raw input if this message has a fuller one; Gemini sends none, so its call object stands in. */
  private static void remember(Tool tool, JsonNode toolCall) {
    JsonNode rawInput = toolCall.path("rawInput");
    if (rawInput.isObject() && (!tool.rawInput || rawInput.size() >= tool.input.size())) {
      tool.input = rawInput;
      tool.rawInput = true;
    } else if (tool.input == null) {
      tool.input = toolCall;
    }
  }

  private void announce(Tool tool, JsonNode toolCall) {
    if (!tool.announced) {
      tool.announced = true;
      peer.emit(new AgentEvents.ToolUse(AcpWire.textOrNull(toolCall, "toolCallId"), tool.name, tool.input));
    }
  }

  private void flush() {
    if (block.length() == 0) {
      return;
    }
    String text = block.toString();
    block.setLength(0);
    if ("thought".equals(blockKind)) {
      peer.emit(new AgentEvents.Thinking(text));
    } else {
      lastText = text;
      peer.emit(new AgentEvents.Text(text));
    }
  }

  /** The text parts of a finished call's {@code content}, else its {@code rawOutput.output}. */
  private static String resultText(JsonNode update) {
    List<String> parts = new ArrayList<>();
    for (JsonNode item : update.path("content")) {
      JsonNode inner = item.path("content");
      if ("content".equals(item.path("type").asText()) && "text".equals(inner.path("type").asText())) {
        parts.add(inner.path("text").asText());
      } else if ("diff".equals(item.path("type").asText())) {
        parts.add("(diff of " + item.path("path").asText() + ")");
      }
    }
    if (parts.isEmpty() && update.path("rawOutput").path("output").isTextual()) {
      parts.add(update.path("rawOutput").path("output").asText());
    }
    return String.join("\n", parts);
  }

  /** ACP's {@code usage}, or Gemini's {@code _meta.quota.token_count}. */
  private static Usage usage(JsonNode result) {
    JsonNode usage = result.path("usage");
    if (usage.isObject()) {
      return new Usage(usage.path("inputTokens").asLong(), usage.path("outputTokens").asLong(),
          usage.path("cachedWriteTokens").asLong(), usage.path("cachedReadTokens").asLong());
    }
    JsonNode count = result.path("_meta").path("quota").path("token_count");
    return new Usage(count.path("input_tokens").asLong(), count.path("output_tokens").asLong(), 0, 0);
  }
}
