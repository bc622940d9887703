package dev.hotplex.cli.action;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The files a pull request changes, as GitHub lists them, with the lines of each that can take a comment. */
final class PullRequestDiff {
  /** How much diff text goes into the review prompt; the agent reads the rest of the files itself. */
  static final int MAX_PROMPT_DIFF_CHARS = Integer.getInteger("hotplex.action.maxPromptDiffChars", 60_000);

  /** One changed file; {@code patch} is null when GitHub shows no diff for it (binary or too large). */
  record ChangedFile(String path, String status, int additions, int deletions, String patch, DiffHunks hunks) {}

  private final Map<String, ChangedFile> files;

  private PullRequestDiff(Map<String, ChangedFile> files) {
    this.files = files;
  }

  /**
   * Reads the items of {@code GET /pulls/{number}/files}.
   *
   * @throws IllegalArgumentException when a patch has a malformed hunk header
   */
  static PullRequestDiff of(List<JsonNode> items) {
    Map<String, ChangedFile> files = new LinkedHashMap<>();
    for (JsonNode item : items) {
      String patch = item.path("patch").isTextual() ? item.path("patch").asText() : null;
      String path = item.path("filename").asText();
      files.put(path, new ChangedFile(path, item.path("status").asText("modified"),
          item.path("additions").asInt(), item.path("deletions").asInt(), patch, DiffHunks.parse(patch)));
    }
    return new PullRequestDiff(files);
  }

  Optional<ChangedFile> file(String path) {
    return Optional.ofNullable(files.get(path));
  }

  /** The changed files and their hunks for the review prompt, cut at {@link #MAX_PROMPT_DIFF_CHARS}. */
  String promptText() {
    StringBuilder text = new StringBuilder();
    StringBuilder omitted = new StringBuilder();
    for (ChangedFile file : files.values()) {
      String header = "### " + file.path() + " (" + file.status() + ", +" + file.additions() + " -"
          + file.deletions() + "; lines you can comment on: " + file.hunks().describe() + ")\n";
      String body = file.patch() == null ? "(GitHub shows no diff for this file: binary or too large)\n"
          : "```diff\n" + file.patch() + "\n```\n";
      if (text.length() + header.length() + body.length() > MAX_PROMPT_DIFF_CHARS) {
        omitted.append("- ").append(file.path()).append(" (").append(file.status()).append(")\n");
      } else {
        text.append(header).append(body);
      }
    }
    if (!omitted.isEmpty()) {
      text.append("\nThese changed files are not shown above (the diff is too long); read them in the"
          + " workspace:\n").append(omitted);
    }
    return text.toString();
  }
}
