package dev.hotplex.provider.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Maps an ACP {@code toolCall} (a title, a kind, locations and the agent's raw input) onto hotplex's
 * provider-neutral {@link ToolCall}. Paths are kept exactly as the agent wrote them: the policy resolves them.
 */
final class AcpTools {
  /** Input fields that name a file or folder, across OpenCode ({@code filePath}) and Gemini ({@code file_path}). */
  private static final List<String> PATH_FIELDS = List.of("filePath", "file_path", "path", "absolute_path",
      "dir_path", "directory");
  private static final Pattern BLANKS = Pattern.compile("\\s+");

  private AcpTools() {}

  /**
   * The normalized call.
   *
   * @param toolCall the {@code toolCall} of a permission request
   * @param rawInput the most complete raw input seen for the call (the request's own, else an earlier update's)
   * @param toolName the agent's own tool name (see {@link AcpAgent#toolName})
   */
  static ToolCall toToolCall(AcpAgent agent, JsonNode toolCall, JsonNode rawInput, String toolName, Path cwd) {
    JsonNode input = rawInput == null || rawInput.isMissingNode() ? NullNode.getInstance() : rawInput;
    ToolKind kind = kindOf(AcpWire.textOrNull(toolCall, "kind"));
    String command = null;
    if (kind == ToolKind.SHELL) {
      // Gemini sends no raw input; its title is the command line.
      command = text(input, "command");
      if (command == null) {
        command = AcpWire.textOrNull(toolCall, "title");
      }
    }
    return new ToolCall(agent.providerId(), toolName, AcpWire.textOrNull(toolCall, "toolCallId"), kind, command,
        kind == ToolKind.SHELL ? List.of() : pathsOf(toolCall, input), urlsOf(kind, input), input, cwd);
  }

  /**
   * A call given by the agent's own tool name and raw input, mapped as the agent's permission request for it would
   * be (see {@link AcpAgent#toolKinds()}).
   *
   * @throws IllegalArgumentException when the agent has no tool of that name
   */
  static ToolCall byName(AcpAgent agent, String toolName, JsonNode input, Path cwd) {
    String kind = agent.toolKinds().get(toolName);
    if (kind == null) {
      throw new IllegalArgumentException(agent.displayName() + " has no tool '" + toolName + "'; its tools are "
          + new TreeSet<>(agent.toolKinds().keySet()));
    }
    return toToolCall(agent, AcpWire.JSON.createObjectNode().put("kind", kind), input, toolName, cwd);
  }

  /** The one tool of kind {@code execute}, or null. */
  static String shellTool(Map<String, String> toolKinds) {
    for (Map.Entry<String, String> tool : toolKinds.entrySet()) {
      if (tool.getValue().equals("execute")) {
        return tool.getKey();
      }
    }
    return null;
  }

  /** What an ACP tool kind does; {@code think}, {@code switch_mode} and {@code other} are OTHER. */
  static ToolKind kindOf(String kind) {
    if (kind == null) {
      return ToolKind.OTHER;
    }
    switch (kind) {
      case "execute":
        return ToolKind.SHELL;
      case "read":
        return ToolKind.READ;
      case "edit":
      case "delete":
      case "move":
        return ToolKind.EDIT;
      case "search":
        return ToolKind.SEARCH;
      case "fetch":
        return ToolKind.FETCH;
      default:
        return ToolKind.OTHER;
    }
  }

  private static List<String> pathsOf(JsonNode toolCall, JsonNode input) {
    List<String> paths = new ArrayList<>();
    for (JsonNode location : toolCall.path("locations")) {
      addOnce(paths, text(location, "path"));
    }
    for (String field : PATH_FIELDS) {
      addOnce(paths, text(input, field));
    }
    return paths;
  }

  /** The {@code url} field (OpenCode), else every URL in the {@code prompt} text (Gemini's {@code web_fetch}). */
  private static List<String> urlsOf(ToolKind kind, JsonNode input) {
    if (kind != ToolKind.FETCH) {
      return List.of();
    }
    String url = text(input, "url");
    if (url != null) {
      return List.of(url);
    }
    String prompt = text(input, "prompt");
    List<String> urls = new ArrayList<>();
    for (String word : prompt == null ? new String[0] : BLANKS.split(prompt)) {
      int start = Math.max(word.indexOf("http://"), word.indexOf("https://"));
      if (start >= 0) {
        urls.add(word.substring(start));
      }
    }
    return urls;
  }

  private static void addOnce(List<String> paths, String path) {
    if (path != null && !path.isEmpty() && !paths.contains(path)) {
      paths.add(path);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
