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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private static final String KEY = "sk-ant-e2e-key-0123456789abcdef";
  private static final String TOKEN = "ghs_e2e_token_0123456789abcdef";
  private static final Duration RUN_LIMIT = Duration.ofMinutes(3);
  private static final String OLD_LINE = "    return sum(values) / len(values)";
  private static final String NEW_LINE = "    return sum(values) / len(values) if values else 0.0";
  private static final String REVIEW = "I read average.py.\n```hotplex-review\n{\"summary\": \"average() divides by"
      + " zero for an empty list.\", \"findings\": [{\"path\": \"average.py\", \"line\": 3, \"severity\": \"error\","
      + " \"message\": \"len(values) is 0 for an empty list\", \"suggestion\": \"" + NEW_LINE.replace("\"", "\\\"")
      + "\"}, {\"path\": \"README.md\", \"line\": 1, \"severity\": \"notice\", \"message\": \"Say what an empty"
      + " list gives.\"}]}\n```";

  @TempDir
  Path temp;
  private PullRequestFixture pr;
  private FakeGitHub github;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void aPullRequestJob() throws IOException {
    assumeTrue(RealAgents.claude().isPresent(), RealAgents.NOT_INSTALLED);
    pr = PullRequestFixture.create(temp.resolve("workspace"),
        Map.of("README.md", "# averages\n", "average.py", "def average(values):\n    # the mean\n" + OLD_LINE + "\n"),
        Map.of("average.py", "def average(values):\n    total = sum(values)\n" + OLD_LINE + "\n"));
    github = FakeGitHub.start("octo/sample", TOKEN);
    github.repository().addPullRequest(7, "feature", pr.headSha(), "main", pr.files());
    Path home = Files.createDirectories(temp.resolve("github-home"));
    env.put("HOME", home.toString());
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_WORKSPACE", pr.dir().toString());
    env.put("GITHUB_EVENT_NAME", "pull_request");
    env.put("GITHUB_EVENT_PATH", pr.writeEvent(temp.resolve("event.json"), "octo/sample", 7).toString());
    env.put("GITHUB_REPOSITORY", "octo/sample");
    env.put("GITHUB_API_URL", github.apiUrl());
    env.put("GITHUB_RUN_ID", "99");
    env.put("GITHUB_OUTPUT", temp.resolve("output").toString());
    env.put("GITHUB_STEP_SUMMARY", temp.resolve("summary.md").toString());
    env.put("RUNNER_TEMP", Files.createDirectories(temp.resolve("runner-temp")).toString());
    // What a workflow may well have in its environment; none of it may reach the agent.
    env.put("GITHUB_TOKEN", TOKEN);
    env.put("INPUT_GITHUB_TOKEN", TOKEN);
    env.put("INPUT_ANTHROPIC_API_KEY", KEY);
    env.put("INPUT_TIMEOUT_MINUTES", "3");
  }

  @AfterEach
  void stopAndLeaveNoAgentBehind() throws InterruptedException {
    if (github != null) {
      github.close();
    }
    if (pr != null) {
      for (int i = 0; i < 50 && !ProcessTable.workingIn(pr.dir()).isEmpty(); i++) {
        Thread.sleep(100);
      }
      assertThat(ProcessTable.workingIn(pr.dir())).as("processes left in the workspace").isEmpty();
    }
  }

  private ActionProcess.Result action(FakeModelServer model, String name) throws Exception {
    env.put("INPUT_BASE_URL", model.baseUrl());
    ActionProcess.Result result = ActionProcess.run(env, temp.resolve("logs-" + name), RUN_LIMIT);
    // The ::add-mask:: lines name the secrets for the runner to hide; nothing else may show them.
    assertThat((result.out() + result.err()).lines().filter(line -> !line.startsWith("::add-mask::")))
        .noneSatisfy(line -> assertThat(line).containsAnyOf(KEY, TOKEN.substring(4)));
    return result;
  }

  private String output() throws IOException {
    return Files.readString(temp.resolve("output"));
  }

  /** The review: read the changed file, then answer with the findings document. */
  private static ModelScript reviewScript() {
    return new ModelScript()
        .when(request -> request.lastUserTextContains("pull request #7") && request.toolResult().isEmpty())
        .reply(ModelReply.read("average.py"))
        .when(request -> request.toolResult().isPresent()).reply(ModelReply.text(REVIEW));
  }

  @Test
  void reviewIsPostedOnceWithInlineCommentsAndTheStickyCommentIsUpdatedOnASecondRun() throws Exception {
    env.put("INPUT_MODE", "review");
    try (FakeModelServer model = FakeModelServer.start(reviewScript())) {
      ActionProcess.Result first = action(model, "first");
      ActionProcess.Result second = action(model, "second");

      assertThat(first.status()).as(first.out() + first.err()).isEqualTo(0);
      assertThat(second.status()).as(second.out() + second.err()).isEqualTo(0);
      assertThat(first.out()).contains("Read: average.py", "allowed")
          .contains("::warning file=average.py,line=3::error: len(values) is 0");
      assertThat(github.repository().reviews(7)).singleElement().satisfies(review -> {
        assertThat(review.path("state").asText()).isEqualTo("COMMENTED");
        assertThat(review.path("commit_id").asText()).isEqualTo(pr.headSha());
        assertThat(review.path("comments")).singleElement().satisfies(comment -> {
          assertThat(comment.path("path").asText()).isEqualTo("average.py");
          assertThat(comment.path("line").asInt()).isEqualTo(3);
          assertThat(comment.path("body").asText()).contains("```suggestion\n" + NEW_LINE + "\n```");
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
      assertThat(output()).containsPattern("conclusion<<(\\S+)\nsuccess\n\\1")
          .containsPattern("review_url<<(\\S+)\nhttp://127\\.0\\.0\\.1:\\d+/octo/sample/pull/7#pullrequestreview");
      assertThat(Files.readString(temp.resolve("summary.md"))).contains("## hotplex review: ✅ success",
          "| 1 | Read | `" + pr.dir().resolve("average.py") + "` | ✅ allowed");
    }
  }

  @Test
  void theAgentsEnvironmentHasNoGitHubTokenAndNoInputs() throws Exception {
    Files.writeString(pr.dir().resolve("policy.yaml"), "version: 1\ndisable: [secrets.dump-environment]\n");
    env.put("INPUT_PROMPT", "ENVCHECK");
    env.put("INPUT_POLICY", "policy.yaml");
    env.put("INPUT_ALLOWED_TOOLS", "Bash(env)");
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

  /** Patch: read the file, edit it, report. */
  private static ModelScript patchScript(ModelReply edit) {
    return new ModelScript()
        .when(ModelRequest::lastUserTextContains, "PATCHIT").once().reply(ModelReply.read("average.py"))
        .when(request -> request.toolResult().isPresent()).once().reply(edit)
        .when(request -> request.toolResult().isPresent()).reply(ModelReply.text("Handled the empty list."));
  }

  @Test
  void patchWritesThePatchAndOpensAPullRequest() throws Exception {
    env.put("INPUT_MODE", "patch");
    env.put("INPUT_PROMPT", "PATCHIT: make average() return 0.0 for an empty list");
    env.put("INPUT_OPEN_PULL_REQUEST", "true");
    try (FakeModelServer model = FakeModelServer.start(patchScript(ModelReply.edit("average.py", OLD_LINE,
        NEW_LINE)))) {
      ActionProcess.Result result = action(model, "patch");

      assertThat(result.status()).as(result.out() + result.err()).isEqualTo(0);
      String patch = Files.readString(pr.dir().resolve("hotplex.patch"));
      assertThat(patch).contains("--- a/average.py", "+++ b/average.py", "-" + OLD_LINE, "+" + NEW_LINE);
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
        assertThat(github.repository().blobText(entry.path("sha").asText()).orElseThrow()).contains(NEW_LINE);
      });
      assertThat(output()).containsPattern("patch_path<<(\\S+)\nhotplex.patch\n\\1")
          .containsPattern("pull_request_url<<(\\S+)\nhttp://127\\.0\\.0\\.1:\\d+/octo/sample/pull/8\n\\1");
      assertThat(github.repository().issueComments(7)).singleElement().satisfies(comment ->
          assertThat(comment.path("body").asText()).startsWith("<!-- hotplex:patch -->").contains("Opened #8"));
    }
  }

  @Test
  void aChangeOutsideTheAllowedPathsIsRejectedWholeAndNothingIsPushed() throws Exception {
    env.put("INPUT_MODE", "patch");
    env.put("INPUT_PROMPT", "PATCHIT");
    env.put("INPUT_ALLOWED_PATHS", "docs/**");
    env.put("INPUT_OPEN_PULL_REQUEST", "true");
    try (FakeModelServer model = FakeModelServer.start(patchScript(ModelReply.edit("average.py", OLD_LINE,
        NEW_LINE)))) {
      ActionProcess.Result result = action(model, "outside");

      assertThat(result.status()).isEqualTo(1);
      assertThat(result.out()).contains("::error file=average.py::Changed outside allowed_paths (docs/**)",
          "::error::1 changed file(s) are outside allowed_paths (docs/**): average.py. No patch was written");
      assertThat(pr.dir().resolve("hotplex.patch")).doesNotExist();
      assertThat(github.calls()).noneSatisfy(call -> assertThat(call.method()).isIn("POST", "PATCH"));
      assertThat(output()).containsPattern("conclusion<<(\\S+)\nfailure\n\\1");
    }
  }

  @Test
  void maxTurnsIsEnforcedByHotplexBeforeTheToolRuns() throws Exception {
    env.put("INPUT_PROMPT", "LOOP");
    env.put("INPUT_MAX_TURNS", "1");
    env.put("INPUT_ALLOWED_TOOLS", "Bash(touch:*)");
    env.put("INPUT_POST_COMMENT", "false");
    try (FakeModelServer model = FakeModelServer.start(new ModelScript()
        .when(ModelRequest::lastUserTextContains, "LOOP").reply(ModelReply.bash("touch ran-too-far.txt", "touch"))
        .when(request -> request.toolResult().isPresent()).reply(ModelReply.bash("touch again.txt", "again")))) {
      ActionProcess.Result result = action(model, "max-turns");

      assertThat(result.status()).isEqualTo(1);
      assertThat(result.out()).contains("::error::max_turns (1) reached: hotplex stopped the prompt after 1 model"
          + " turn");
      assertThat(pr.dir().resolve("ran-too-far.txt")).doesNotExist();
      assertThat(pr.dir().resolve("again.txt")).doesNotExist();
      assertThat(Files.readString(temp.resolve("summary.md"))).contains("❌ denied (`action.max-turns`)");
    }
  }

  @Test
  void aModelThatKeepsFailingFailsTheStepWithItsError() throws Exception {
    env.put("INPUT_PROMPT", "hello");
    env.put("INPUT_POST_COMMENT", "false");
    try (FakeModelServer model = FakeModelServer.start(new ModelScript()
        .when(request -> true).reply(ModelReply.error(500, "api_error", "scripted outage for the action")))) {
      ActionProcess.Result result = action(model, "outage");

      assertThat(result.status()).isEqualTo(1);
      assertThat(result.out()).contains("::error::the agent failed", "scripted outage for the action");
      assertThat(List.of(output())).singleElement().asString().containsPattern("conclusion<<(\\S+)\nfailure");
    }
  }
}
