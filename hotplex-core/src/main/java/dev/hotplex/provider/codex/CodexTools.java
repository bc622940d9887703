package dev.hotplex.provider.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Maps Codex's approval requests onto hotplex's provider-neutral {@link ToolCall}: a {@code commandExecution} is
 * {@link ToolKind#SHELL} under Codex's tool name {@code exec_command}, a {@code fileChange} is {@link ToolKind#WRITE}
 * (only new files) or {@link ToolKind#EDIT} under {@code apply_patch}, with every path it touches.
 *
 * <p>Codex reports a command as the shell invocation it will run ({@code /bin/bash -lc 'echo hi > out.txt'}); the
 * policy gets the script inside ({@code echo hi > out.txt}), which is what the model wrote and what the shell
 * analyser understands. Anything that is not exactly {@code <shell> -c|-lc <script>} is handed over whole.
 */
final class CodexTools {
  static final String PROVIDER_ID = "codex";
  static final String SHELL_TOOL = "exec_command";
  static final String PATCH_TOOL = "apply_patch";
  private static final Set<String> SHELLS = Set.of("bash", "sh", "zsh", "dash");

  private CodexTools() {}

  /** The call for an {@code item/commandExecution/requestApproval}; {@code params.command} is the shell line. */
  static ToolCall commandCall(JsonNode params, Path cwd) {
    String command = params.path("command").asText("");
    ObjectNode input = CodexWire.JSON.createObjectNode().put("command", command);
    if (params.hasNonNull("cwd")) {
      input.put("cwd", params.path("cwd").asText());
    }
    return new ToolCall(PROVIDER_ID, SHELL_TOOL, params.path("itemId").asText(null), ToolKind.SHELL,
        innerScript(command), List.of(), List.of(), input, cwd);
  }

  /**
   * The call for an {@code item/fileChange/requestApproval}. The request names only the item; its changes come
   * from the {@code fileChange} item announced before ({@code item}, may be null when Codex did not announce it).
   */
  static ToolCall fileChangeCall(JsonNode params, JsonNode item, Path cwd) {
    JsonNode changes = item == null ? CodexWire.JSON.createArrayNode() : item.path("changes");
    List<String> paths = new ArrayList<>();
    boolean onlyAdds = true;
    for (JsonNode change : changes) {
      paths.add(change.path("path").asText());
      onlyAdds &= "add".equals(change.path("kind").path("type").asText());
    }
    ObjectNode input = CodexWire.JSON.createObjectNode();
    input.set("changes", changes);
    if (params.hasNonNull("grantRoot")) {
      input.put("grantRoot", params.path("grantRoot").asText());
      paths.add(params.path("grantRoot").asText());
    }
    ToolKind kind = onlyAdds && !paths.isEmpty() ? ToolKind.WRITE : ToolKind.EDIT;
    return new ToolCall(PROVIDER_ID, PATCH_TOOL, params.path("itemId").asText(null), kind, null, paths, List.of(),
        input, cwd);
  }

  /**
   * A call given by Codex's tool name and the input hotplex records for it: {@code exec_command {"command"}} or
   * {@code apply_patch {"changes":[{"path","kind":{"type"}}], "grantRoot"?}}, mapped as the approval requests are.
   *
   * @throws IllegalArgumentException for another tool name, or an {@code exec_command} without a command string
   */
  static ToolCall byName(String toolName, JsonNode input, Path cwd) {
    if (SHELL_TOOL.equals(toolName)) {
      if (!input.path("command").isTextual()) {
        throw new IllegalArgumentException(SHELL_TOOL + " input needs a \"command\" string");
      }
      return commandCall(input, cwd);
    }
    if (PATCH_TOOL.equals(toolName)) {
      return fileChangeCall(input, input, cwd);
    }
    throw new IllegalArgumentException("Codex has no tool '" + toolName + "' that hotplex is asked about; its"
        + " tools are " + SHELL_TOOL + " {\"command\"} and " + PATCH_TOOL
        + " {\"changes\":[{\"path\",\"kind\":{\"type\"}}]}");
  }

  /** The script of {@code <shell> -c|-lc <script>}, else the command unchanged. */
  static String innerScript(String command) {
    List<String> words = shellWords(command);
    if (words == null || words.size() != 3) {
      return command;
    }
    String shell = words.get(0).substring(words.get(0).lastIndexOf('/') + 1);
    String flag = words.get(1);
    boolean runsScript = flag.matches("-[a-z]*c") && !flag.contains("s");
    return SHELLS.contains(shell) && runsScript ? words.get(2) : command;
  }

  /**
   * Splits a command line into words as a POSIX shell would, for quoting only (single quotes, double quotes,
   * backslashes; no expansion). Null when the quoting is unbalanced.
   */
  static List<String> shellWords(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          return null;
        }
        word.append(line, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        i = doubleQuoted(line, i + 1, word);
        if (i < 0) {
          return null;
        }
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 >= line.length()) {
          return null;
        }
        word.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** Appends a double-quoted part starting after its quote; returns the index of the closing quote or -1. */
  private static int doubleQuoted(String line, int start, StringBuilder word) {
    for (int i = start; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\' && i + 1 < line.length() && "$`\"\\\n".indexOf(line.charAt(i + 1)) >= 0) {
        word.append(line.charAt(++i));
      } else {
        word.append(c);
      }
    }
    return -1;
  }
}
