package dev.hotplex.cli.action;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts a review the way a careful person would: ONE review with all inline comments (never an approval), and
 * ONE summary comment per pull request that later runs update. A commit that an earlier run already reviewed gets
 * no second review. Findings GitHub refuses as inline comments are moved into the summary comment, so none is
 * lost; what could not be posted at all is reported as a failure.
 */
final class ReviewPoster {
  /** What was posted: links, and the problems met (failures make the step fail; warnings do not). */
  record Posted(String reviewUrl, String commentUrl, int inline, List<String> failures, List<String> warnings) {}

  private ReviewPoster() {}

  static Posted post(GitHubRepo repo, int number, String headSha, FindingsCheck.Sorted findings, String footer) {
    List<String> failures = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<Finding> listed = new ArrayList<>(findings.outsideDiff());
    String reviewUrl = null;
    int inline = 0;
    String note = null;
    if (!findings.inline().isEmpty()) {
      try {
        Optional<JsonNode> earlier = earlierReview(repo, number, headSha);
        if (earlier.isPresent()) {
          reviewUrl = earlier.get().path("html_url").asText(null);
          note = "Commit " + ReviewComments.shortSha(headSha) + " already has hotplex's inline review ("
              + reviewUrl + "), so no second one was posted; this run's findings are listed here.";
          listed.addAll(0, findings.inline());
        } else {
          JsonNode review = repo.createReview(number, headSha, ReviewComments.reviewBody(headSha,
              findings.inline().size()), comments(findings.inline()));
          reviewUrl = review.path("html_url").asText(null);
          inline = findings.inline().size();
        }
      } catch (GitHubApiException refused) {
        listed.addAll(0, findings.inline());
        if (refused.status() == 422) {
          warnings.add("GitHub refused the inline comments (" + refused.getMessage() + "); the findings are"
              + " listed in the summary comment instead.");
        } else {
          failures.add("The review with " + findings.inline().size() + " inline comments could not be posted: "
              + refused.getMessage());
        }
      }
    }
    String commentUrl = null;
    try {
      JsonNode comment = StickyComments.upsert(repo, number, ActionMode.REVIEW.id(),
          ReviewComments.summaryComment(findings, inline, reviewUrl, listed, note, headSha, footer));
      commentUrl = comment.path("html_url").asText(null);
    } catch (GitHubApiException refused) {
      failures.add("The summary comment could not be posted: " + refused.getMessage());
    }
    return new Posted(reviewUrl, commentUrl, inline, failures, warnings);
  }

  private static Optional<JsonNode> earlierReview(GitHubRepo repo, int number, String headSha) {
    String marker = ReviewComments.commitMarker(headSha);
    return repo.reviews(number).stream().filter(review -> review.path("body").asText().contains(marker))
        .findFirst();
  }

  private static List<Map<String, Object>> comments(List<Finding> findings) {
    List<Map<String, Object>> comments = new ArrayList<>();
    for (Finding finding : findings) {
      Map<String, Object> comment = new LinkedHashMap<>();
      comment.put("path", finding.path());
      comment.put("line", finding.line());
      comment.put("side", "RIGHT");
      comment.put("body", ReviewComments.inlineComment(finding));
      comments.add(comment);
    }
    return comments;
  }
}
