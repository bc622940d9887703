package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotplex.testkit.RealAgents;
import dev.hotplex.testkit.github.FakeGitHub;
import dev.hotplex.testkit.github.GitHubCall;
import dev.hotplex.testkit.github.PullRequestFixture;
import dev.hotplex.testkit.model.FakeModelServer;
import dev.hotplex.testkit.model.ModelReply;
import dev.hotplex.testkit.model.ModelRequest;
import dev.hotplex.testkit.model.ModelScript;
import dev.hotplex.testkit.model.ToolResult;
import dev.hotplex.testkit.process.ProcessTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Action end to end: {@code hotplex action} as its own process with the REAL Claude Code CLI, the test
 * kit's model on 127.0.0.1, a sample repository with a pull request event, and the fake GitHub REST API recording
 * every call. Skipped when the pinned CLI is not installed (scripts/install-agents claude).
 */
@Timeout(300)
class ActionAgainstClaudeCliTest {
  private static final Duration RUN_LIMIT = Duration.ofMinutes(3);
  private static final String TOKEN = ActionJob.TOKEN;

  @TempDir
  Path temp;
  private ActionJob job;
  private PullRequestFixture pr;
  private FakeGitHub github;

  @BeforeEach
  void aPullRequestJob() throws IOException {
    assumeTrue(RealAgents.claude().isPresent(), RealAgents.NOT_INSTALLED);
    job = new ActionJob(temp);
    pr = job.pr;
    github = job.github;
  }

  @AfterEach
  void stopAndLeaveNoAgentBehind() throws InterruptedException {
    if (job == null) {
      return;
    }
    job.close();
    for (int i = 0; i < 50 && !ProcessTable.workingIn(pr.dir()).isEmpty(); i++) {
      Thread.sleep(100);
    }
    assertThat(ProcessTable.workingIn(pr.dir())).as("processes left in the workspace").isEmpty();
  }

  private ActionProcess.Result action(FakeModelServer model, String name) throws Exception {
    ActionProcess.Result result = ActionProcess.run(job.environment(dir -> job.hostDir(dir).toString(), model),
        temp.resolve("logs-" + name), RUN_LIMIT);
    ActionJob.assertNoSecretShown(result.out() + result.err());
    return result;
  }

  private void input(String name, String value) {
    job.inputs.put("INPUT_" + name.toUpperCase(java.util.Locale.ROOT), value);
  }

  @Test
  void reviewIsPostedOnceWithInlineCommentsAndTheStickyCommentIsUpdatedOnASecondRun() throws Exception {
    input("mode", "review");
    try (FakeModelServer model = FakeModelServer.start(ActionJob.reviewScript())) {
      ActionProcess.Result first = action(model, "first");
      ActionProcess.Result second = action(model, "second");

      assertThat(first.status()).as(first.out() + first.err()).isEqualTo(0);
      assertThat(second.status()).as(second.out() + second.err()).isEqualTo(0);
      assertThat(first.out()).contains("Read: average.py  ✔ allowed (tools.allowed)")
          .contains("::warning file=average.py,line=3::error: len(values) is 0");
      assertThat(github.repository().reviews(7)).singleElement().satisfies(review -> {
        assertThat(review.path("state").asText()).isEqualTo("COMMENTED");
        assertThat(review.path("commit_id").asText()).isEqualTo(pr.headSha());
        assertThat(review.path("comments")).singleElement().satisfies(comment -> {
          assertThat(comment.path("path").asText()).isEqualTo("average.py");
          assertThat(comment.path("line").asInt()).isEqualTo(3);
          assertThat(comment.path("body").asText()).contains("```suggestion\n" + ActionJob.NEW_LINE + "\n```");
        });
      });
      assertThat(github.repository().issueComments(7)).singleElement().satisfies(comment ->
          assertThat(comment.path("body").asText()).startsWith("<!-- hotplex:review -->")
              .contains("average() divides by zero", "`README.md:1`"));
      assertThat(github.calls("POST", ".*/issues/\\d+/comments")).hasSize(1);
      assertThat(github.calls("PATCH", ".*/issues/comments/\\d+")).hasSize(1);
      assertThat(github.calls()).allSatisfy(call -> {
        assertThat(call.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(call.body().path("event").asText("COMMENT")).isEqualTo("COMMENT");
      });
      assertThat(job.output()).containsPattern("conclusion<<(\\S+)\nsuccess\n\\1")
          .containsPattern("review_url<<(\\S+)\nhttp://127\\.0\\.0\\.1:\\d+/octo/sample/pull/7#pullrequestreview");
      assertThat(job.summary()).contains("## hotplex review: ✅ success",
          "| 1 | Read | `" + pr.dir().resolve("average.py") + "` | ✅ allowed");
    }
  }

  @Test
  void theAgentsEnvironmentHasNoGitHubTokenAndNoInputs() throws Exception {
    Files.writeString(pr.dir().resolve("policy.yaml"), "version: 1\ndisable: [secrets.dump-environment]\n");
    input("prompt", "ENVCHECK");
    input("policy", "policy.yaml");
    input("allowed_tools", "Bash(env)");
    try (FakeModelServer model = FakeModelServer.start(new ModelScript()
        .when(ModelRequest::lastUserTextContains, "ENVCHECK").reply(ModelReply.bash("env", "Show the environment"))
        .when(request -> request.toolResult().isPresent()).reply(ModelReply.text("seen")))) {
      ActionProcess.Result result = action(model, "env");

      assertThat(result.status()).as(result.out() + result.err()).isEqualTo(0);
      String environment = model.messageRequests().stream().flatMap(request -> request.toolResults().stream())
          .map(ToolResult::content).filter(content -> content.contains("PATH=")).findFirst().orElseThrow();
      assertThat(environment).doesNotContain(TOKEN, "GITHUB_TOKEN", "INPUT_", "GITHUB_REPOSITORY",
          "GITHUB_EVENT_PATH", "GITHUB_OUTPUT");
      assertThat(environment).contains("ANTHROPIC_BASE_URL=" + model.baseUrl(), "HOME=");
      assertThat(github.calls()).allSatisfy(call -> assertThat(call.authorization()).isEqualTo("Bearer " + TOKEN));
    }
  }

  @Test
  void patchWritesThePatchAndOpensAPullRequest() throws Exception {
    input("mode", "patch");
    input("prompt", "PATCHIT: make average() return 0.0 for an empty list");
    input("open_pull_request", "true");
    try (FakeModelServer model = FakeModelServer.start(ActionJob.patchScript())) {
      ActionProcess.Result result = action(model, "patch");

      assertThat(result.status()).as(result.out() + result.err()).isEqualTo(0);
      assertPatchPublished(github, pr);
      assertThat(job.output()).containsPattern("patch_path<<(\\S+)\nhotplex.patch\n\\1")
          .containsPattern("pull_request_url<<(\\S+)\nhttp://127\\.0\\.0\\.1:\\d+/octo/sample/pull/8\n\\1");
      assertThat(github.repository().issueComments(7)).singleElement().satisfies(comment ->
          assertThat(comment.path("body").asText()).startsWith("<!-- hotplex:patch -->").contains("Opened #8"));
    }
  }

  /** The patch file holds the edit, and one pull request from hotplex's branch into the PR's branch carries it. */
  static void assertPatchPublished(FakeGitHub github, PullRequestFixture pr) throws IOException {
    String patch = Files.readString(pr.dir().resolve("hotplex.patch"));
    assertThat(patch).contains("--- a/average.py", "+++ b/average.py", "-" + ActionJob.OLD_LINE,
        "+" + ActionJob.NEW_LINE);
    assertThat(github.repository().branch("hotplex/patch-feature")).isPresent();
    assertThat(github.repository().pullRequests().values()).filteredOn(pull -> pull.path("number").asInt() != 7)
        .singleElement().satisfies(pull -> {
          assertThat(pull.path("head").path("ref").asText()).isEqualTo("hotplex/patch-feature");
          assertThat(pull.path("base").path("ref").asText()).isEqualTo("feature");
          assertThat(pull.path("title").asText()).startsWith("hotplex: PATCHIT");
        });
    GitHubCall tree = github.calls("POST", ".*/git/trees").get(0);
    assertThat(tree.body().path("tree")).singleElement().satisfies(entry -> {
      assertThat(entry.path("path").asText()).isEqualTo("average.py");
      assertThat(github.repository().blobText(entry.path("sha").asText()).orElseThrow())
          .contains(ActionJob.NEW_LINE);
    });
  }

  @Test
  void aChangeOutsideTheAllowedPathsIsRejectedWholeAndNothingIsPushed() throws Exception {
    input("mode", "patch");
    input("prompt", "PATCHIT");
    input("allowed_paths", "docs/**");
    input("open_pull_request", "true");
    try (FakeModelServer model = FakeModelServer.start(ActionJob.patchScript())) {
      ActionProcess.Result result = action(model, "outside");

      assertThat(result.status()).isEqualTo(1);
      assertThat(result.out()).contains("::error file=average.py::Changed outside allowed_paths (docs/**)",
          "::error::1 changed file(s) are outside allowed_paths (docs/**): average.py. No patch was written");
      assertThat(pr.dir().resolve("hotplex.patch")).doesNotExist();
      assertThat(github.calls()).noneSatisfy(call -> assertThat(call.method()).isIn("POST", "PATCH"));
      assertThat(job.output()).containsPattern("conclusion<<(\\S+)\nfailure\n\\1");
    }
  }

  @Test
  void maxTurnsIsEnforcedByHotplexBeforeTheToolRuns() throws Exception {
    input("prompt", "LOOP");
    input("max_turns", "1");
    input("allowed_tools", "Bash(touch:*)");
    input("post_comment", "false");
    try (FakeModelServer model = FakeModelServer.start(new ModelScript()
        .when(ModelRequest::lastUserTextContains, "LOOP").reply(ModelReply.bash("touch ran-too-far.txt", "touch"))
        .when(request -> request.toolResult().isPresent()).reply(ModelReply.bash("touch again.txt", "again")))) {
      ActionProcess.Result result = action(model, "max-turns");

      assertThat(result.status()).isEqualTo(1);
      assertThat(result.out()).contains("::error::max_turns (1) reached: hotplex stopped the prompt after 1 model"
          + " turn");
      assertThat(pr.dir().resolve("ran-too-far.txt")).doesNotExist();
      assertThat(pr.dir().resolve("again.txt")).doesNotExist();
      assertThat(job.summary()).contains("❌ denied (`action.max-turns`)");
    }
  }

  @Test
  void aModelThatKeepsFailingFailsTheStepWithItsError() throws Exception {
    input("prompt", "hello");
    input("post_comment", "false");
    try (FakeModelServer model = FakeModelServer.start(new ModelScript()
        .when(request -> true).reply(ModelReply.error(500, "api_error", "scripted outage for the action")))) {
      ActionProcess.Result result = action(model, "outage");

      assertThat(result.status()).isEqualTo(1);
      assertThat(result.out()).contains("::error::the agent failed: API Error", "scripted outage for the action");
      assertThat(job.output()).containsPattern("conclusion<<(\\S+)\nfailure");
    }
  }
}
