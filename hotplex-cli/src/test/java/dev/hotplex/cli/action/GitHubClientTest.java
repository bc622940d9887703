package dev.hotplex.cli.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotplex.testkit.github.FakeGitHub;
import dev.hotplex.testkit.github.GitHubCall;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubClientTest {
  private static final String TOKEN = "ghs_client_test_token";
  private FakeGitHub github;
  private GitHubClient client;

  @BeforeEach
  void start() {
    github = FakeGitHub.start("octo/sample", TOKEN);
    github.repository().addPullRequest(7, "feature", "abc123", "main", List.of());
    client = new GitHubClient(URI.create(github.apiUrl()), TOKEN, "hotplex-test");
  }

  @AfterEach
  void stop() {
    github.close();
  }

  @Test
  void listsFollowEveryPage() {
    for (int i = 0; i < 230; i++) {
      github.repository().addIssueComment(7, "someone", "comment " + i);
    }

    List<String> bodies = client.list("/repos/octo/sample/issues/7/comments").stream()
        .map(comment -> comment.path("body").asText()).toList();

    assertThat(bodies).hasSize(230).startsWith("comment 0").endsWith("comment 229");
    assertThat(github.calls("GET", ".*/issues/7/comments")).hasSize(3)
        .allSatisfy(call -> assertThat(call.query()).contains("per_page=100"));
  }

  @Test
  void theTokenGoesInTheAuthorizationHeaderOnly() {
    client.post("/repos/octo/sample/issues/7/comments", Map.of("body", "hello"));

    GitHubCall call = github.calls().get(0);
    assertThat(call.authorization()).isEqualTo("Bearer " + TOKEN);
    assertThat(call.query()).doesNotContain(TOKEN);
    assertThat(call.body().toString()).doesNotContain(TOKEN);
  }

  @Test
  void missingPermissionSaysWhichOneToGrant() {
    github.failWith("POST", ".*/comments", 403, "Resource not accessible by integration");

    assertThatThrownBy(() -> client.post("/repos/octo/sample/issues/7/comments", Map.of("body", "x")))
        .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(403))
        .hasMessageContaining("POST /repos/octo/sample/issues/7/comments failed: 403 Resource not accessible")
        .hasMessageContaining("permissions: pull-requests: write");
  }

  @Test
  void aBadTokenIsNamedAsSuch() {
    GitHubClient wrong = new GitHubClient(URI.create(github.apiUrl()), "not-the-token", "hotplex-test");

    assertThatThrownBy(() -> wrong.get("/repos/octo/sample/pulls/7")).hasMessageContaining("401 Bad credentials")
        .hasMessageContaining("github_token");
  }

  @Test
  void findIsEmptyOnNotFound() {
    assertThat(client.find("/repos/octo/sample/git/ref/heads/nope")).isEmpty();
    assertThat(client.find("/repos/octo/sample/pulls/7")).isPresent();
  }

  @Test
  void writesAreNotRetriedButReadsAre() {
    github.failWith("POST", ".*/comments", 502, "Bad Gateway");
    github.failWith("GET", ".*/pulls/7", 503, "Service Unavailable");

    assertThatThrownBy(() -> client.post("/repos/octo/sample/issues/7/comments", Map.of("body", "x")))
        .hasMessageContaining("502");
    assertThatThrownBy(() -> client.get("/repos/octo/sample/pulls/7")).hasMessageContaining("503");

    assertThat(github.calls("POST", ".*/comments")).hasSize(1);
    assertThat(github.calls("GET", ".*/pulls/7")).hasSize(GitHubClient.READ_RETRIES + 1);
  }

  @Test
  void validationErrorsCarryGitHubsDetails() {
    assertThatThrownBy(() -> client.post("/repos/octo/sample/pulls", Map.of("title", "t", "head", "nope",
        "base", "main", "body", "")))
        .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(422))
        .hasMessageContaining("head branch nope does not exist");
  }
}
