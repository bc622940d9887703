package dev.hotplex.provider.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the app-server's thread items ({@code item/started}, {@code item/completed}) into hotplex events. Pure and
 * stateless; never throws on unknown input, and items it does not model become {@link AgentEvents.Raw} events.
 *
 * <ul>
 *   <li>{@code commandExecution}: {@link AgentEvents.ToolUse} ({@code exec_command}) when it starts,
 *       {@link AgentEvents.ToolResult} (its output; an error unless it completed with exit code 0) when it ends;</li>
 *   <li>{@code fileChange}: the same, as {@code apply_patch} with the list of changes as input;</li>
 *   <li>{@code agentMessage}: {@link AgentEvents.Text} when complete; {@code reasoning}:
 *       {@link AgentEvents.Thinking}.</li>
 * </ul>
 */
final class CodexItems {
  static final String COMMAND = "commandExecution";
  static final String FILE_CHANGE = "fileChange";
  static final String AGENT_MESSAGE = "agentMessage";

  private CodexItems() {}

  /** Whether an item is a tool call that hotplex's policy must have approved. */
  static boolean isToolCall(JsonNode item) {
    String type = item.path("type").asText();
    return COMMAND.equals(type) || FILE_CHANGE.equals(type);
  }

  static AgentEvent started(JsonNode item) {
    String type = item.path("type").asText("");
    String id = item.path("id").asText(null);
    if (COMMAND.equals(type)) {
      ObjectNode input = CodexWire.JSON.createObjectNode().put("command", item.path("command").asText(""));
      if (item.hasNonNull("cwd")) {
        input.put("cwd", item.path("cwd").asText());
      }
      return new AgentEvents.ToolUse(id, CodexTools.SHELL_TOOL, input);
    }
    if (FILE_CHANGE.equals(type)) {
      ObjectNode input = CodexWire.JSON.createObjectNode();
      input.set("changes", item.path("changes"));
      return new AgentEvents.ToolUse(id, CodexTools.PATCH_TOOL, input);
    }
    return new AgentEvents.Raw("item/started/" + type, item);
  }

  static AgentEvent completed(JsonNode item) {
    String type = item.path("type").asText("");
    String id = item.path("id").asText(null);
    String status = item.path("status").asText("");
    switch (type) {
      case COMMAND:
        boolean succeeded = "completed".equals(status) && item.path("exitCode").asInt(-1) == 0;
        return new AgentEvents.ToolResult(id, commandOutput(item, status), !succeeded);
      case FILE_CHANGE:
        return new AgentEvents.ToolResult(id, "file change " + status, !"completed".equals(status));
      case AGENT_MESSAGE:
        return new AgentEvents.Text(item.path("text").asText(""));
      case "reasoning":
        return new AgentEvents.Thinking(String.join("\n", texts(item.path("summary"), item.path("content"))));
      default:
        return new AgentEvents.Raw("item/completed/" + type, item);
    }
  }

  /**
   * One model call's usage from {@code thread/tokenUsage/updated}'s {@code last} breakdown. Codex counts cached
   * input inside {@code inputTokens}; hotplex's {@link Usage} counts it apart, as Anthropic does.
   */
  static Usage usage(JsonNode breakdown) {
    long input = breakdown.path("inputTokens").asLong();
    long cached = breakdown.path("cachedInputTokens").asLong();
    return new Usage(Math.max(0, input - cached), breakdown.path("outputTokens").asLong(),
        breakdown.path("cacheWriteInputTokens").asLong(), cached);
  }

  private static String commandOutput(JsonNode item, String status) {
    if (item.hasNonNull("aggregatedOutput") && !item.path("aggregatedOutput").asText().isEmpty()) {
      return item.path("aggregatedOutput").asText();
    }
    if ("declined".equals(status)) {
      return "The command was declined and did not run.";
    }
    JsonNode exitCode = item.path("exitCode");
    return "(" + CodexTools.SHELL_TOOL + " " + status + (exitCode.isNumber() ? ", exit code " + exitCode.asInt() : "")
        + ", no output)";
  }

  private static List<String> texts(JsonNode... arrays) {
    List<String> texts = new ArrayList<>();
    for (JsonNode array : arrays) {
      for (JsonNode part : array) {
        texts.add(part.isTextual() ? part.asText() : part.path("text").asText(""));
      }
    }
    return texts;
  }
}
