package dev.hotplex.provider.claude;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.PermissionDenial;
import dev.hotplex.event.TurnResult;
import dev.hotplex.event.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one stdout message of {@code claude --output-format stream-json} into hotplex events. Pure and
 * stateless: it never throws on unknown input, and anything it does not model becomes a {@link AgentEvents.Raw}
 * event instead of being dropped. Control messages are the protocol's business and never reach it.
 */
final class ClaudeMessageDecoder {
  private static final String DIAGNOSTIC_PREFIX = "[ede_diagnostic]";
  /** Terminal reasons seen with Claude Code 2.1.330, in words. */
  private static final Map<String, String> TERMINAL_REASONS = Map.of(
      "aborted_tools", "a tool call was denied with interrupt, so the turn stopped",
      "aborted_streaming", "the turn was interrupted",
      "api_error", "the model API call failed");

  private ClaudeMessageDecoder() {}

  /** The events of one parsed message; a {@code result} message yields exactly one {@link TurnResult}. */
  static List<AgentEvent> decode(JsonNode message) {
    String type = message.path("type").asText("");
    switch (type) {
      case "system":
        return List.of(decodeSystem(message));
      case "assistant":
        return decodeAssistant(message);
      case "user":
        return decodeUser(message);
      case "stream_event":
        return List.of(decodeStreamEvent(message));
      case "result":
        return List.of(decodeResult(message));
      default:
        return List.of(new AgentEvents.Raw(type.isEmpty() ? "unknown" : type, message));
    }
  }

  private static AgentEvent decodeSystem(JsonNode message) {
    String subtype = message.path("subtype").asText("");
    if ("api_retry".equals(subtype)) {
      return apiRetry(message);
    }
    if (!"init".equals(subtype)) {
      return new AgentEvents.Raw("system" + (subtype.isEmpty() ? "" : "/" + subtype), message);
    }
    List<String> tools = new ArrayList<>();
    message.path("tools").forEach(tool -> tools.add(tool.asText()));
    return new AgentEvents.Init(textOrNull(message, "session_id"), textOrNull(message, "model"),
        textOrNull(message, "cwd"), List.copyOf(tools), textOrNull(message, "permissionMode"));
  }

  /**
   * A failed model call the CLI will retry. Shown, not kept raw: against an unreachable endpoint Claude Code
   * retries ten times over about three minutes, and a log without these lines looks like a hang (issue 9).
   */
  private static AgentEvent apiRetry(JsonNode message) {
    String status = message.path("error_status").isNumber() ? "HTTP " + message.path("error_status").asInt()
        : message.path("error").asText("no response");
    String cause = "unknown".equals(status) ? "no response (is the endpoint reachable?)" : status;
    return new AgentEvents.Error(String.format(Locale.ROOT,
        "The model API call failed: %s. Claude Code retries it in %.1f s (attempt %d of %d).", cause,
        message.path("retry_delay_ms").asLong() / 1000.0, message.path("attempt").asInt(),
        message.path("max_retries").asInt()));
  }

  private static List<AgentEvent> decodeAssistant(JsonNode message) {
    JsonNode content = message.path("message").path("content");
    if (!content.isArray()) {
      return List.of(new AgentEvents.Raw("assistant", message));
    }
    // The CLI reports a failed model call as a synthetic assistant message; surface it as an error.
    boolean apiError = message.path("is_api_error_message").asBoolean(false);
    List<AgentEvent> events = new ArrayList<>();
    for (JsonNode block : content) {
      String blockType = block.path("type").asText("");
      switch (blockType) {
        case "text":
          String text = block.path("text").asText("");
          events.add(apiError ? new AgentEvents.Error(text) : new AgentEvents.Text(text));
          break;
        case "thinking":
          events.add(new AgentEvents.Thinking(block.path("thinking").asText("")));
          break;
        case "tool_use":
          events.add(new AgentEvents.ToolUse(textOrNull(block, "id"), textOrNull(block, "name"),
              block.path("input")));
          break;
        default:
          events.add(new AgentEvents.Raw("assistant/" + blockType, block));
          break;
      }
    }
    return events;
  }

  private static List<AgentEvent> decodeUser(JsonNode message) {
    List<AgentEvent> events = new ArrayList<>();
    for (JsonNode block : message.path("message").path("content")) {
      if ("tool_result".equals(block.path("type").asText())) {
        events.add(new AgentEvents.ToolResult(textOrNull(block, "tool_use_id"), joinText(block.path("content")),
            block.path("is_error").asBoolean(false)));
      }
    }
    // Other user messages (e.g. "[Request interrupted by user]") are kept as they are.
    return events.isEmpty() ? List.of(new AgentEvents.Raw("user", message)) : events;
  }

  private static AgentEvent decodeStreamEvent(JsonNode message) {
    JsonNode event = message.path("event");
    JsonNode delta = event.path("delta");
    if ("content_block_delta".equals(event.path("type").asText()) && "text_delta".equals(delta.path("type").asText())) {
      return new AgentEvents.TextDelta(delta.path("text").asText(""));
    }
    return new AgentEvents.Raw("stream_event", message);
  }

  private static TurnResult decodeResult(JsonNode message) {
    String subtype = message.path("subtype").asText("unknown");
    // is_error is the truth: an unreachable model API comes as subtype "success" with is_error true.
    boolean isError = message.has("is_error") ? message.path("is_error").asBoolean() : !"success".equals(subtype);
    String text = message.path("result").asText("");
    String terminalReason = textOrNull(message, "terminal_reason");
    JsonNode usage = message.path("usage");
    return new TurnResult(text, isError, subtype, textOrNull(message, "session_id"),
        new Usage(usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong(),
            usage.path("cache_creation_input_tokens").asLong(), usage.path("cache_read_input_tokens").asLong()),
        message.path("total_cost_usd").asDouble(), message.path("duration_ms").asLong(),
        message.path("duration_api_ms").asLong(), message.path("num_turns").asInt(), 0,
        denials(message.path("permission_denials")), textOrNull(message, "stop_reason"), terminalReason,
        isError ? errorMessage(subtype, text, terminalReason, message.path("errors")) : null);
  }

  private static String errorMessage(String subtype, String text, String terminalReason, JsonNode errors) {
    if (!text.isBlank()) {
      return text;
    }
    StringBuilder message = new StringBuilder("Claude Code ended the turn with '").append(subtype).append('\'');
    if (terminalReason != null) {
      message.append(" (terminal reason: ").append(terminalReason).append(')');
      String explanation = TERMINAL_REASONS.get(terminalReason);
      if (explanation != null) {
        message.append(": ").append(explanation);
      }
    }
    List<String> details = new ArrayList<>();
    for (JsonNode error : errors) {
      // "[ede_diagnostic] result_type=user ..." lines are the CLI's internal bookkeeping, not news for a human.
      if (!error.asText().startsWith(DIAGNOSTIC_PREFIX)) {
        details.add(error.asText());
      }
    }
    if (!details.isEmpty()) {
      message.append(": ").append(String.join("; ", details));
    }
    return message.toString();
  }

  private static List<PermissionDenial> denials(JsonNode denials) {
    List<PermissionDenial> result = new ArrayList<>();
    for (JsonNode denial : denials) {
      result.add(new PermissionDenial(textOrNull(denial, "tool_name"), textOrNull(denial, "tool_use_id"),
          denial.path("tool_input"), null, null));
    }
    return result;
  }

  /** A tool result's content: a plain string, or a list of blocks whose text parts are joined by newlines. */
  private static String joinText(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode block : content) {
      if (block.isTextual()) {
        parts.add(block.asText());
      } else if (block.has("text")) {
        parts.add(block.path("text").asText());
      }
    }
    return String.join("\n", parts);
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
