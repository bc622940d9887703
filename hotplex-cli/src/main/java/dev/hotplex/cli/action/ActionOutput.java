package dev.hotplex.cli.action;

/** The action's outputs, as {@code action.yml} documents them (a test keeps both equal). */
enum ActionOutput {
  RESULT("result"),
  CONCLUSION("conclusion"),
  SESSION_ID("session_id"),
  COST_USD("cost_usd"),
  DENIED_COUNT("denied_count"),
  PATCH_PATH("patch_path"),
  REVIEW_URL("review_url"),
  PULL_REQUEST_URL("pull_request_url");

  final String id;

  ActionOutput(String id) {
    this.id = id;
  }
}
