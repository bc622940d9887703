package dev.hotplex.cli.action;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Mode {@code review}: the agent reviews the pull request and ends with the {@link ReviewContract} document; hotplex
 * checks it against the diff (one corrective prompt in the same session if it does not hold), shows the findings
 * as annotations and in the step summary, and posts them (one review plus the sticky summary comment).
 */
final class ReviewMode {
  /** The prompt when the {@code prompt} input is empty. */
  static final String DEFAULT_PROMPT = "Review the changes of this pull request. Look for bugs, security problems,"
      + " data loss, race conditions and risky code; read the changed files in the workspace where the diff alone"
      + " is not enough. Keep to problems a careful reviewer would raise.";
  /** Annotations of one level shown per step (GitHub shows at most 10 of each). */
  static final int MAX_ANNOTATIONS = 10;

  private ReviewMode() {}

  static ModeResult run(ModeContext c) throws InterruptedException {
    PullRequestRef pr = c.pullRequest();
    String headSha = pr.headSha() != null ? pr.headSha() : c.repo().pullRequest(pr.number()).path("head")
        .path("sha").asText();
    PullRequestDiff diff = PullRequestDiff.of(c.repo().pullRequestFiles(pr.number()));
    AgentRunner.Outcome outcome = c.runner().run(prompts(c.inputs().prompts(), pr, headSha, diff));
    if (!outcome.ok()) {
      return ModeResult.failed(outcome.failure());
    }
    List<String> errors = new ArrayList<>();
    FindingsCheck.Sorted findings = check(outcome.result().text(), diff, c, errors);
    if (findings == null) {
      c.commands().warning("The review did not follow the findings format (" + String.join("; ", errors)
          + "); asking the agent once to correct it.", WorkflowCommands.Location.NONE);
      AgentRunner.Outcome corrected = c.runner().prompt(ReviewContract.correction(errors),
          "hotplex: correcting the review format");
      if (!corrected.ok()) {
        return ModeResult.failed(corrected.failure());
      }
      errors.clear();
      findings = check(corrected.result().text(), diff, c, errors);
      if (findings == null) {
        return ModeResult.failed("The agent's review could not be used, even after one correction: "
            + String.join("; ", errors) + ". Nothing was posted.");
      }
    }
    annotate(findings, c);
    Map<ActionOutput, String> outputs = new EnumMap<>(ActionOutput.class);
    List<String> failures = new ArrayList<>();
    String posted = "Not posted (post_comment is false).";
    if (c.inputs().postComment()) {
      ReviewPoster.Posted result = ReviewPoster.post(c.repo(), pr.number(), headSha, findings, c.footer());
      result.warnings().forEach(warning -> c.commands().warning(warning, WorkflowCommands.Location.NONE));
      failures.addAll(result.failures());
      String url = result.reviewUrl() != null ? result.reviewUrl() : result.commentUrl();
      outputs.put(ActionOutput.REVIEW_URL, url == null ? "" : url);
      posted = posted(result);
    }
    return new ModeResult(failures, outputs, section(findings, headSha, posted));
  }

  private static FindingsCheck.Sorted check(String answer, PullRequestDiff diff, ModeContext c,
      List<String> errors) {
    ReviewContract.Parsed parsed = ReviewContract.parse(answer);
    if (!parsed.valid()) {
      errors.addAll(parsed.errors());
      return null;
    }
    FindingsCheck.Result result = FindingsCheck.check(parsed.document(), diff, c.repositoryRoot());
    errors.addAll(result.errors());
    return result.sorted();
  }

  /** The user's prompts with the pull request before the first and the findings format after the last. */
  static List<String> prompts(List<String> given, PullRequestRef pr, String headSha, PullRequestDiff diff) {
    List<String> prompts = new ArrayList<>(given.isEmpty() ? List.of(DEFAULT_PROMPT) : given);
    String context = "You are reviewing pull request #" + pr.number() + (pr.title() == null ? "" : " \""
        + pr.title() + "\"") + " at commit " + headSha + ". The repository is checked out in your working"
        + " directory. The pull request changes these files:\n\n" + diff.promptText() + "\n";
    prompts.set(0, context + prompts.get(0));
    int last = prompts.size() - 1;
    prompts.set(last, prompts.get(last) + "\n\n" + ReviewContract.instructions());
    return prompts;
  }

  private static void annotate(FindingsCheck.Sorted findings, ModeContext c) {
    int warnings = 0;
    int notices = 0;
    for (Finding finding : findings.all()) {
      WorkflowCommands.Location at = c.location(finding.path(), finding.line());
      String text = finding.severity().id() + ": " + finding.message();
      if (finding.severity() == Finding.Severity.NOTICE) {
        if (notices++ < MAX_ANNOTATIONS) {
          c.commands().notice(text, at, "hotplex review");
        }
      } else if (warnings++ < MAX_ANNOTATIONS) {
        c.commands().warning(text, at);
      }
    }
  }

  private static String posted(ReviewPoster.Posted result) {
    List<String> parts = new ArrayList<>();
    if (result.reviewUrl() != null) {
      parts.add("[review](" + result.reviewUrl() + ")" + (result.inline() > 0 ? " with " + result.inline()
          + " inline comments" : ""));
    }
    if (result.commentUrl() != null) {
      parts.add("[summary comment](" + result.commentUrl() + ")");
    }
    return parts.isEmpty() ? "Nothing could be posted." : "Posted: " + String.join(", ", parts) + ".";
  }

  private static String section(FindingsCheck.Sorted findings, String headSha, String posted) {
    StringBuilder md = new StringBuilder("### Review of ").append(ReviewComments.shortSha(headSha)).append("\n\n")
        .append(findings.summary().strip()).append("\n\n").append(posted).append("\n\n");
    if (findings.total() == 0) {
      return md.append("No findings.\n").toString();
    }
    md.append("| severity | where | finding | inline |\n|---|---|---|---|\n");
    for (Finding finding : findings.all()) {
      md.append("| ").append(finding.severity().id()).append(" | ").append(Markdown.code(finding.location(), 200))
          .append(" | ").append(Markdown.cell(finding.message(), 500)).append(" | ")
          .append(findings.inline().contains(finding) ? "yes" : "no (outside the diff)").append(" |\n");
    }
    return md.toString();
  }
}
