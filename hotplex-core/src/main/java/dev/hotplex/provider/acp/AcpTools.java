package dev.hotplex.provider.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps an ACP {@code toolCall} (a title, a kind, locations and the agent's raw input) onto hotplex's
 * provider-neutral {@link ToolCall}. Paths are kept exactly as the agent wrote them: the policy resolves them.
 */
final class AcpTools {
  /** Input fields that name a file or folder, across OpenCode ({@code filePath}) and Gemini ({@code file_path}). */
  private static final List<String> PATH_FIELDS = List.of("filePath", "file_path", "path", "absolute_path",
      "dir_path", "directory");

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

  private static List<String> urlsOf(ToolKind kind, JsonNode input) {
    String url = kind == ToolKind.FETCH ? text(input, "url") : null;
    return url == null ? List.of() : List.of(url);
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
