package dev.hotplex.cli.action;

/**
 * A call to the GitHub REST API failed. The message names the call, GitHub's answer and, for the usual causes
 * (a missing workflow permission, a bad token), what to change.
 */
final class GitHubApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * @param status the HTTP status, or 0 when no answer came (network error, timeout)
   */
  GitHubApiException(int status, String call, String answer) {
    super("GitHub API " + call + " failed: " + (status == 0 ? "" : status + " ") + answer + hint(status, answer));
    this.status = status;
  }

  int status() {
    return status;
  }

  private static String hint(int status, String answer) {
    if (status == 401) {
      return ". The token was refused: check the github_token input (default: the workflow's GITHUB_TOKEN).";
    }
    if (status == 403 && answer.contains("not accessible by integration")) {
      return ". The workflow's token lacks a permission: give the job 'permissions: pull-requests: write'"
          + " (and 'contents: write' to push a patch branch).";
    }
    if (status == 404) {
      return ". The repository, pull request or branch does not exist, or the token cannot see it.";
    }
    return "";
  }
}
