package dev.hotplex.testkit.github;

/**
 * A file of a fake pull request, as {@code GET /repos/{owner}/{repo}/pulls/{number}/files} lists it.
 *
 * @param filename the path in the repository
 * @param status {@code added}, {@code modified}, {@code removed} or {@code renamed}
 * @param patch the unified diff hunks of the file (from the first {@code @@} line on, as GitHub sends them), or
 *     null for a file GitHub shows no patch for (binary or too large)
 */
public record PullRequestFile(String filename, String status, String patch) {

  /** A modified file with its hunks. */
  public static PullRequestFile modified(String filename, String patch) {
    return new PullRequestFile(filename, "modified", patch);
  }

  int additions() {
    return count('+');
  }

  int deletions() {
    return count('-');
  }

  private int count(char marker) {
    if (patch == null) {
      return 0;
    }
    return (int) patch.lines().filter(line -> !line.isEmpty() && line.charAt(0) == marker).count();
  }
}
