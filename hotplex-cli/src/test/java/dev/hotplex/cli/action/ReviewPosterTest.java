package dev.hotplex.cli.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.secrets.SecretMasker;
import dev.hotplex.testkit.github.FakeGitHub;
import dev.hotplex.testkit.github.FakeRepository;
import dev.hotplex.testkit.github.PullRequestFile;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReviewPosterTest {
  private static final String TOKEN = "ghs_poster_test_token";
  private static final String HEAD = "0123456789abcdef0123456789abcdef01234567";
  private FakeGitHub github;
  private GitHubRepo repo;

  private final Finding inline = new Finding("average.py", 3, Finding.Severity.ERROR, "len(values) may be 0",
      "    return total / max(len(values), 1)");
  private final Finding outside = new Finding("README.md", 1, Finding.Severity.NOTICE, "Mention it.", null);
  private final FindingsCheck.Sorted findings = new FindingsCheck.Sorted("Divides by zero.", List.of(inline),
      List.of(outside));

  @BeforeEach
  void start() {
    github = FakeGitHub.start("octo/sample", TOKEN);
    github.repository().addPullRequest(7, "feature", HEAD, "main",
        List.of(PullRequestFile.modified("average.py", "@@ -1,2 +1,3 @@\n a\n+b\n c")));
    repo = new GitHubRepo(new GitHubClient(URI.create(github.apiUrl()), TOKEN, "test"), "octo/sample",
        SecretMasker.of("sk-ant-never-posted"));
  }

  @AfterEach
  void stop() {
    github.close();
  }

  private ReviewPoster.Posted post(FindingsCheck.Sorted sorted) {
    return ReviewPoster.post(repo, 7, HEAD, sorted, "<sub>footer</sub>");
  }

  @Test
  void oneCommentReviewWithInlineCommentsAndOneSummaryComment() {
    ReviewPoster.Posted posted = post(findings);

    assertThat(posted.failures()).isEmpty();
    JsonNode review = github.repository().reviews(7).get(0);
    assertThat(github.repository().reviews(7)).hasSize(1);
    assertThat(review.path("state").asText()).isEqualTo("COMMENTED");
    assertThat(review.path("commit_id").asText()).isEqualTo(HEAD);
    assertThat(review.path("comments")).singleElement().satisfies(comment -> {
      assertThat(comment.path("path").asText()).isEqualTo("average.py");
      assertThat(comment.path("line").asInt()).isEqualTo(3);
      assertThat(comment.path("side").asText()).isEqualTo("RIGHT");
      assertThat(comment.path("body").asText()).contains("error** len(values) may be 0",
          "```suggestion\n    return total / max(len(values), 1)\n```");
    });
    assertThat(github.repository().issueComments(7)).singleElement().satisfies(comment ->
        assertThat(comment.path("body").asText()).startsWith("<!-- hotplex:review -->\n### hotplex review of 0123456")
            .contains("Divides by zero.", "**2 findings**: 1 error, 1 notice", "1 inline in [the review](",
                "#### Findings outside the diff", "`README.md:1`", "Mention it.", "<sub>footer</sub>"));
    assertThat(posted.reviewUrl()).isEqualTo(review.path("html_url").asText());
    assertThat(posted.commentUrl()).contains("#issuecomment-");
    assertThat(github.calls()).noneSatisfy(call -> assertThat(call.body().toString()).contains("APPROVE"));
  }

  @Test
  void aSecondRunUpdatesTheSummaryCommentAndDoesNotReviewTheSameCommitTwice() {
    post(findings);
    ReviewPoster.Posted second = post(findings);

    assertThat(second.failures()).isEmpty();
    assertThat(github.repository().reviews(7)).hasSize(1);
    assertThat(github.repository().issueComments(7)).singleElement().satisfies(comment ->
        assertThat(comment.path("body").asText()).contains("already has hotplex's inline review", "#### Findings",
            "`average.py:3`"));
    assertThat(github.calls("PATCH", ".*/issues/comments/\\d+")).hasSize(1);
    assertThat(github.calls("POST", ".*/reviews")).hasSize(1);
  }

  @Test
  void aMarkedCommentOfSomeoneElseIsNotEditedButANewOneIsMade() {
    github.repository().addIssueComment(7, "mallory", StickyComments.marker("review") + "\nfake");

    ReviewPoster.Posted posted = post(findings);

    assertThat(posted.failures()).isEmpty();
    assertThat(github.repository().issueComments(7)).hasSize(2);
    assertThat(github.repository().issueComments(7).get(0).path("body").asText()).endsWith("fake");
  }

  @Test
  void inlineCommentsGitHubRefusesMoveIntoTheSummaryWithAWarning() {
    github.failWith("POST", ".*/reviews", 422, "Unprocessable Entity: Line could not be resolved");

    ReviewPoster.Posted posted = post(findings);

    assertThat(posted.failures()).isEmpty();
    assertThat(posted.warnings()).singleElement().asString().contains("refused the inline comments");
    assertThat(posted.reviewUrl()).isNull();
    assertThat(github.repository().issueComments(7)).singleElement().satisfies(comment ->
        assertThat(comment.path("body").asText()).contains("#### Findings\n", "`average.py:3`", "`README.md:1`"));
  }

  @Test
  void whenNothingCanBePostedEveryFailureIsReported() {
    github.failWith("POST", ".*/reviews", 500, "boom").failWith("POST", ".*/comments", 500, "boom");

    ReviewPoster.Posted posted = post(findings);

    assertThat(posted.failures()).hasSize(2)
        .anySatisfy(failure -> assertThat(failure).contains("review with 1 inline comments could not be posted"))
        .anySatisfy(failure -> assertThat(failure).contains("summary comment could not be posted"));
    assertThat(posted.reviewUrl()).isNull();
    assertThat(posted.commentUrl()).isNull();
  }

  @Test
  void withoutInlineFindingsOnlyTheSummaryCommentIsPosted() {
    post(new FindingsCheck.Sorted("Looks fine.", List.of(), List.of()));

    assertThat(github.repository().reviews(7)).isEmpty();
    assertThat(github.repository().issueComments(7)).singleElement().satisfies(comment ->
        assertThat(comment.path("body").asText()).contains("Looks fine.", "No findings."));
  }

  @Test
  void secretsNeverReachGitHub() {
    Finding leaking = new Finding("average.py", 3, Finding.Severity.WARNING, "key sk-ant-never-posted in code", null);

    post(new FindingsCheck.Sorted("summary sk-ant-never-posted", List.of(leaking), List.of()));

    assertThat(github.calls()).allSatisfy(call -> assertThat(call.body().toString())
        .doesNotContain("sk-ant-never-posted"));
    assertThat(github.repository().reviews(7).get(0).path("comments").get(0).path("body").asText()).contains("****");
    assertThat(FakeRepository.BOT_LOGIN).isEqualTo("github-actions[bot]");
  }
}
