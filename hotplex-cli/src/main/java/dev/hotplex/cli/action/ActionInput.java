package dev.hotplex.cli.action;

import java.util.Locale;

/**
 * The action's inputs, with the defaults hotplex applies when an input is empty or missing. {@code action.yml}
 * documents the same names and defaults (a test keeps them equal). The runner passes input {@code foo_bar} as the
 * variable {@code INPUT_FOO_BAR}.
 */
enum ActionInput {
  PROMPT("prompt", ""),
  MODE("mode", "run"),
  PROVIDER("provider", "claude"),
  MODEL("model", ""),
  ALLOWED_TOOLS("allowed_tools", ""),
  DISALLOWED_TOOLS("disallowed_tools", ""),
  WORK_DIR("work_dir", "."),
  POLICY("policy", ""),
  TIMEOUT_MINUTES("timeout_minutes", "30"),
  MAX_TURNS("max_turns", "30"),
  BASE_URL("base_url", ""),
  ANTHROPIC_API_KEY("anthropic_api_key", ""),
  GITHUB_TOKEN("github_token", ""),
  POST_COMMENT("post_comment", "true"),
  FAIL_ON_DENIED("fail_on_denied", "false"),
  ALLOWED_PATHS("allowed_paths", "**"),
  PATCH_FILE("patch_file", "hotplex.patch"),
  OPEN_PULL_REQUEST("open_pull_request", "false"),
  PATCH_BRANCH("patch_branch", "");

  /** The name in {@code action.yml} and in workflows ({@code with: max_turns: 10}). */
  final String id;
  /** What an empty or missing input means. */
  final String defaultValue;

  ActionInput(String id, String defaultValue) {
    this.id = id;
    this.defaultValue = defaultValue;
  }

  /** The environment variable the runner sets: {@code INPUT_} plus the name in upper case, spaces as {@code _}. */
  String variable() {
    return "INPUT_" + id.toUpperCase(Locale.ROOT).replace(' ', '_');
  }
}
