package dev.hotplex.provider.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps Claude Code's tool names and inputs onto hotplex's provider-neutral {@link ToolCall}, so that the policy
 * never needs to know that Claude's shell tool is called {@code Bash}. Paths are kept exactly as the model wrote
 * them: the policy resolves them against the working directory.
 */
final class ClaudeTools {
  static final String PROVIDER_ID = "claude";
  static final String SHELL_TOOL = "Bash";
  private static final String MCP_PREFIX = "mcp__";

  private ClaudeTools() {}

  /** The normalized call for one {@code can_use_tool} request. A null input is treated as an empty one. */
  static ToolCall toToolCall(String toolName, String toolUseId, JsonNode input, Path cwd) {
    JsonNode safeInput = input == null ? NullNode.getInstance() : input;
    ToolKind kind = kindOf(toolName);
    String command = kind == ToolKind.SHELL ? text(safeInput, "command") : null;
    return new ToolCall(PROVIDER_ID, toolName, toolUseId, kind, command, pathsOf(toolName, kind, safeInput),
        urlsOf(kind, safeInput), safeInput, cwd);
  }

  /** What a Claude Code tool does; tools hotplex does not model (Task, TodoWrite, Skill, ...) are OTHER. */
  static ToolKind kindOf(String toolName) {
    if (toolName == null) {
      return ToolKind.OTHER;
    }
    if (toolName.startsWith(MCP_PREFIX)) {
      return ToolKind.MCP;
    }
    switch (toolName) {
      case SHELL_TOOL:
        return ToolKind.SHELL;
      case "Read":
      case "NotebookRead":
        return ToolKind.READ;
      case "Write":
        return ToolKind.WRITE;
      case "Edit":
      case "MultiEdit":
      case "NotebookEdit":
        return ToolKind.EDIT;
      case "Glob":
      case "Grep":
      case "LS":
        return ToolKind.SEARCH;
      case "WebFetch":
      case "WebSearch":
        return ToolKind.FETCH;
      default:
        return ToolKind.OTHER;
    }
  }

  private static List<String> pathsOf(String toolName, ToolKind kind, JsonNode input) {
    List<String> paths = new ArrayList<>();
    switch (kind) {
      case READ:
      case WRITE:
      case EDIT:
        addIfPresent(paths, text(input, "file_path"));
        addIfPresent(paths, text(input, "notebook_path"));
        break;
      case SEARCH:
        addIfPresent(paths, text(input, "path"));
        if ("Glob".equals(toolName)) {
          // A glob such as "/etc/**/*.conf" reads where its literal prefix points, whatever "path" says.
          addIfPresent(paths, globBase(text(input, "pattern")));
        }
        break;
      default:
        break;
    }
    return paths;
  }

  private static List<String> urlsOf(ToolKind kind, JsonNode input) {
    String url = kind == ToolKind.FETCH ? text(input, "url") : null;
    return url == null ? List.of() : List.of(url);
  }

  /**
   * The directory part of a glob before its first wildcard ({@code src/main/**}{@code /*.java} gives
   * {@code src/main}), or null when the glob starts with a wildcard and so stays below its search path.
   */
  static String globBase(String pattern) {
    if (pattern == null) {
      return null;
    }
    int wildcard = firstWildcard(pattern);
    String literal = wildcard < 0 ? pattern : pattern.substring(0, wildcard);
    int slash = literal.lastIndexOf('/');
    if (wildcard < 0) {
      return literal.isEmpty() ? null : literal;
    }
    if (slash < 0) {
      return null;
    }
    return slash == 0 ? "/" : literal.substring(0, slash);
  }

  private static int firstWildcard(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return -1;
  }

  private static void addIfPresent(List<String> paths, String path) {
    if (path != null && !path.isEmpty()) {
      paths.add(path);
    }
  }

  private static String text(JsonNode input, String field) {
    JsonNode value = input.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
