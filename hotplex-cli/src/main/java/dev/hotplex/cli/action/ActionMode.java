package dev.hotplex.cli.action;

import java.util.List;
import java.util.Locale;

/** What the action does with the agent's work. */
enum ActionMode {
  /** Run the prompts; the final answer is the {@code result} output. */
  RUN(List.of("Read", "Grep", "Glob")),
  /** Review the pull request: structured findings, posted by hotplex as one review plus one sticky comment. */
  REVIEW(List.of("Read", "Grep", "Glob", "Bash(git diff:*)", "Bash(git log:*)", "Bash(git show:*)")),
  /** Let the agent edit the workspace; hotplex turns the edits into a patch and, optionally, a pull request. */
  PATCH(List.of("Read", "Grep", "Glob", "Edit", "MultiEdit", "Write", "Bash(git diff:*)", "Bash(git status:*)"));

  /** The tools allowed when the {@code allowed_tools} input is empty. */
  final List<String> defaultAllowedTools;

  ActionMode(List<String> defaultAllowedTools) {
    this.defaultAllowedTools = defaultAllowedTools;
  }

  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named {@code text} (any case), or null. */
  static ActionMode parse(String text) {
    for (ActionMode mode : values()) {
      if (mode.id().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    return null;
  }
}
