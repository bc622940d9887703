package dev.hotplex.policy;

import java.nio.file.Path;
import java.util.List;

/** Tool calls as a provider would normalize them, for tests. */
final class PolicyFixture {
  private PolicyFixture() {}

  static ToolCall shell(String command, Path cwd) {
    return new ToolCall("claude", "Bash", "t1", ToolKind.SHELL, command, List.of(), List.of(), null, cwd);
  }

  static ToolCall file(ToolKind kind, String path, Path cwd) {
    String tool = switch (kind) {
      case READ -> "Read";
      case WRITE -> "Write";
      case EDIT -> "Edit";
      default -> "Grep";
    };
    return new ToolCall("claude", tool, "t1", kind, null, List.of(path), List.of(), null, cwd);
  }

  static ToolCall fetch(String url, Path cwd) {
    return new ToolCall("claude", "WebFetch", "t1", ToolKind.FETCH, null, List.of(), List.of(url), null, cwd);
  }
}
