package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.PermissionDenial;
import dev.hotplex.event.TurnResult;
import dev.hotplex.event.Usage;
import dev.hotplex.testkit.github.FakeGitHub;
import dev.hotplex.testkit.github.PullRequestFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotplex action} in-process against scripted sessions and the fake GitHub: the entrypoint's contract (inputs,
 * masking, outputs, summary, exit status, what is posted) without an agent. The same flows with the real Claude Code
 * CLI are in {@code ActionAgainstClaudeCliTest}.
 */
class ActionCommandTest {
  private static final String KEY = "sk-ant-action-test-key-0123456789";
  private static final String TOKEN = "ghs_action_test_token_0123456789";
  private static final String VALID_REVIEW = "Reviewed.\n```hotplex-review\n{\"summary\": \"Divides by zero on"
      + " empty input.\", \"findings\": [{\"path\": \"average.py\", \"line\": 3, \"severity\": \"error\","
      + " \"message\": \"len(values) is 0 for an empty list\"}, {\"path\": \"README.md\", \"line\": 1,"
      + " \"severity\": \"notice\", \"message\": \"Document the empty case.\"}]}\n```";

  @TempDir
  Path temp;
  private FakeGitHub github;
  private PullRequestFixture pr;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void aPullRequestEventInAWorkspace() throws IOException {
    pr = PullRequestFixture.create(temp.resolve("workspace"),
        Map.of("README.md", "# sample\n", "average.py", "def average(values):\n    return sum(values) / len(values)\n"),
        Map.of("average.py", "def average(values):\n    total = sum(values)\n    return total / len(values)\n"));
    github = FakeGitHub.start("octo/sample", TOKEN);
    github.repository().addPullRequest(7, "feature", pr.headSha(), "main", pr.files());
    env.put("GITHUB_WORKSPACE", pr.dir().toString());
    env.put("GITHUB_EVENT_NAME", "pull_request");
    env.put("GITHUB_EVENT_PATH", pr.writeEvent(temp.resolve("event.json"), "octo/sample", 7).toString());
    env.put("GITHUB_REPOSITORY", "octo/sample");
    env.put("GITHUB_API_URL", github.apiUrl());
    env.put("GITHUB_SERVER_URL", "https://github.example");
    env.put("GITHUB_RUN_ID", "4242");
    env.put("GITHUB_OUTPUT", temp.resolve("output").toString());
    env.put("GITHUB_STEP_SUMMARY", temp.resolve("summary.md").toString());
    env.put("RUNNER_TEMP", Files.createDirectories(temp.resolve("runner-temp")).toString());
    env.put("INPUT_ANTHROPIC_API_KEY", KEY);
    env.put("INPUT_GITHUB_TOKEN", TOKEN);
  }

  @AfterEach
  void stop() {
    github.close();
  }

  private CliHarness harness(Function<String, List<AgentEvent>> script) {
    return new CliHarness(env, temp).script(script);
  }

  private String output() throws IOException {
    return Files.readString(temp.resolve("output"));
  }

  private static List<AgentEvent> answer(String text) {
    return List.of(new AgentEvents.Text(text), ScriptedSession.success(text));
  }

  @Test
  void badInputsStopBeforeAnythingStartsAndEachIsAnError() throws IOException {
    env.put("INPUT_MODE", "approve");
    env.put("INPUT_MAX_TURNS", "many");
    CliHarness harness = harness(ScriptedSession::echo);

    CliHarness.Outcome outcome = harness.run("action");

    assertThat(outcome.status()).isEqualTo(2);
    assertThat(harness.opened).isEmpty();
    assertThat(outcome.out()).contains("::error::Input 'mode' must be run, review or patch, not 'approve'",
        "::error::Input 'max_turns' must be a whole number");
    assertThat(output()).containsPattern("conclusion<<(\\S+)\nfailure\n\\1");
    assertThat(Files.readString(temp.resolve("summary.md"))).startsWith("## hotplex run: ❌ failure");
  }

  @Test
  void secretsAreMaskedBeforeAnythingElseIsPrinted() {
    env.put("INPUT_MODE", "approve");

    CliHarness.Outcome outcome = harness(ScriptedSession::echo).run("action");

    assertThat(outcome.out().lines().limit(2)).containsExactly("::add-mask::" + KEY, "::add-mask::" + TOKEN);
  }

  @Test
  void aMissingKeySaysHowToPassIt() {
    env.remove("INPUT_ANTHROPIC_API_KEY");
    env.put("INPUT_PROMPT", "hello");

    CliHarness.Outcome outcome = harness(ScriptedSession::echo).run("action");

    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.out()).contains("::error::Input 'anthropic_api_key' is required: add 'anthropic_api_key:"
        + " ${{ secrets.ANTHROPIC_API_KEY }}'");
  }

  @Test
  void reviewOutsideAPullRequestIsAnInputError() throws IOException {
    env.put("INPUT_MODE", "review");
    env.put("GITHUB_EVENT_NAME", "push");
    env.put("GITHUB_EVENT_PATH", Files.writeString(temp.resolve("push.json"), "{\"ref\":\"refs/heads/main\"}")
        .toString());

    CliHarness.Outcome outcome = harness(ScriptedSession::echo).run("action");

    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.out()).contains("::error::Mode review needs a pull request", "event is 'push'");
  }

  @Test
  void aBrokenPolicyFileIsAnnotatedAtItsLine() throws IOException {
    Files.writeString(pr.dir().resolve("policy.yaml"), "version: 1\ncomands: []\n");
    env.put("INPUT_PROMPT", "hello");
    env.put("INPUT_POLICY", "policy.yaml");

    CliHarness.Outcome outcome = harness(ScriptedSession::echo).run("action");

    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.out()).contains("::error file=policy.yaml,line=2::Policy file policy.yaml: unknown field");
  }

  @Test
  void reviewPostsOneReviewWithInlineCommentsAndOneSummaryComment() throws IOException {
    env.put("INPUT_MODE", "review");
    CliHarness harness = harness(prompt -> answer(VALID_REVIEW));

    CliHarness.Outcome outcome = harness.run("action");

    assertThat(outcome.status()).as(outcome.out()).isEqualTo(0);
    assertThat(harness.sessions).singleElement().satisfies(session -> {
      assertThat(session.prompts).singleElement().asString().contains("pull request #7",
          "### average.py (modified", "```hotplex-review", "Review the changes of this pull request");
      assertThat(session.options().allowedTools()).contains("Read", "Bash(git diff:*)").doesNotContain("Edit");
      assertThat(session.options().environment()).doesNotContainValue(TOKEN)
          .containsEntry("ANTHROPIC_API_KEY", KEY);
    });
    assertThat(github.repository().reviews(7)).singleElement().satisfies(review -> {
      assertThat(review.path("state").asText()).isEqualTo("COMMENTED");
      assertThat(review.path("comments")).singleElement().satisfies(comment -> {
        assertThat(comment.path("path").asText()).isEqualTo("average.py");
        assertThat(comment.path("line").asInt()).isEqualTo(3);
      });
    });
    assertThat(github.repository().issueComments(7)).singleElement().satisfies(comment -> assertThat(
        comment.path("body").asText()).contains("<!-- hotplex:review -->", "Divides by zero on empty input.",
        "`README.md:1`", "[workflow run](https://github.example/octo/sample/actions/runs/4242)"));
    assertThat(outcome.out()).contains("::warning file=average.py,line=3::error: len(values) is 0",
        "::notice title=hotplex review,file=README.md,line=1::notice: Document the empty case.");
    assertThat(output()).containsPattern("review_url<<(\\S+)\nhttp://127\\.0\\.0\\.1:\\d+/octo/sample/pull/7"
        + "#pullrequestreview-\\d+\n\\1").containsPattern("conclusion<<(\\S+)\nsuccess\n\\1")
        .containsPattern("session_id<<(\\S+)\nscripted\n\\1");
    assertThat(Files.readString(temp.resolve("summary.md"))).contains("## hotplex review: ✅ success",
        "### Review of " + pr.headSha().substring(0, 7), "| error | `average.py:3` |", "yes |",
        "no (outside the diff)");
  }

  @Test
  void annotationsPointIntoACheckoutInAFolderOfTheWorkspace() throws IOException {
    Path workspace = temp.resolve("ws");
    PullRequestFixture.create(workspace.resolve("app"), Map.of("README.md", "# sample\n", "average.py", "x\ny\nz\n"),
        Map.of("average.py", "x\ny\nz2\n"));
    env.put("GITHUB_WORKSPACE", workspace.toString());
    env.put("INPUT_WORK_DIR", "app");
    env.put("INPUT_MODE", "review");
    CliHarness harness = harness(prompt -> answer(VALID_REVIEW));

    CliHarness.Outcome outcome = harness.run("action");

    assertThat(outcome.status()).as(outcome.out()).isEqualTo(0);
    assertThat(harness.opened).singleElement().satisfies(options -> assertThat(options.workDir())
        .isEqualTo(workspace.resolve("app")));
    assertThat(outcome.out()).contains("::warning file=app/average.py,line=3::",
        "::notice title=hotplex review,file=app/README.md,line=1::");
  }

  @Test
  void anInvalidReviewGetsOneCorrectionInTheSameSession() {
    env.put("INPUT_MODE", "review");
    CliHarness harness = harness(prompt -> answer(prompt.startsWith("Your review could not be used")
        ? VALID_REVIEW : "```hotplex-review\n{\"summary\": \"s\", \"findings\": [{\"path\": \"average.py\","
            + " \"line\": 3, \"severity\": \"fatal\", \"message\": \"m\"}]}\n```"));

    CliHarness.Outcome outcome = harness.run("action");

    assertThat(outcome.status()).as(outcome.out()).isEqualTo(0);
    assertThat(harness.opened).hasSize(1);
    assertThat(harness.sessions.get(0).prompts).hasSize(2).last().asString()
        .contains("findings[0].severity must be \"error\", \"warning\" or \"notice\", not \"fatal\"");
    assertThat(outcome.out()).contains("::warning::The review did not follow the findings format");
    assertThat(github.repository().reviews(7)).hasSize(1);
  }

  @Test
  void aReviewThatStaysInvalidFailsAndPostsNothing() throws IOException {
    env.put("INPUT_MODE", "review");

    CliHarness.Outcome outcome = harness(prompt -> answer("I think it is fine.")).run("action");

    assertThat(outcome.status()).isEqualTo(1);
    assertThat(outcome.out()).contains("::error::The agent's review could not be used, even after one correction:"
        + " the answer has no ```hotplex-review block");
    assertThat(github.calls()).noneSatisfy(call -> assertThat(call.method()).isIn("POST", "PATCH"));
    assertThat(output()).containsPattern("conclusion<<(\\S+)\nfailure\n\\1");
  }

  @Test
  void aReviewThatCannotBePostedFailsTheStepInsteadOfGoingGreen() {
    env.put("INPUT_MODE", "review");
    github.failWith("POST", ".*/reviews", 403, "Resource not accessible by integration")
        .failWith("POST", ".*/comments", 403, "Resource not accessible by integration");

    CliHarness.Outcome outcome = harness(prompt -> answer(VALID_REVIEW)).run("action");

    assertThat(outcome.status()).isEqualTo(1);
    assertThat(outcome.out()).contains("::error::The review with 1 inline comments could not be posted",
        "::error::The summary comment could not be posted", "permissions: pull-requests: write");
  }

  @Test
  void withPostCommentFalseNothingIsPostedAndNoTokenIsNeeded() {
    env.put("INPUT_PROMPT", "hello");
    env.put("INPUT_POST_COMMENT", "false");
    env.remove("INPUT_GITHUB_TOKEN");

    CliHarness.Outcome outcome = harness(ScriptedSession::echo).run("action");

    assertThat(outcome.status()).as(outcome.out()).isEqualTo(0);
    assertThat(github.calls()).isEmpty();
  }

  @Test
  void runModeKeepsOneStickyCommentAndMasksWhatTheAgentLeaks() throws IOException {
    env.put("INPUT_PROMPT", "first\n---\nsecond");
    CliHarness harness = harness(prompt -> answer("my key is " + KEY + " and the token " + TOKEN));

    CliHarness.Outcome first = harness.run("action");
    CliHarness.Outcome second = harness.run("action");

    assertThat(first.status()).isEqualTo(0);
    assertThat(second.status()).isEqualTo(0);
    assertThat(harness.sessions.get(0).prompts).containsExactly("first", "second");
    String afterMasks = first.out().substring(first.out().indexOf("::add-mask::" + TOKEN) + 50);
    assertThat(afterMasks).doesNotContain(KEY, TOKEN).contains("my key is ****");
    assertThat(output()).doesNotContain(KEY, TOKEN);
    assertThat(Files.readString(temp.resolve("summary.md"))).doesNotContain(KEY, TOKEN);
    assertThat(github.repository().issueComments(7)).singleElement().satisfies(comment -> assertThat(
        comment.path("body").asText()).startsWith("<!-- hotplex:run -->").contains("my key is ****")
        .doesNotContain(KEY));
    assertThat(github.calls("PATCH", ".*/issues/comments/\\d+")).hasSize(1);
  }

  @Test
  void theAgentsOutputCannotIssueWorkflowCommands() {
    env.put("INPUT_PROMPT", "hello");
    env.put("INPUT_POST_COMMENT", "false");

    CliHarness.Outcome outcome = harness(prompt -> answer("::add-mask::x\n::error::fake")).run("action");

    List<String> lines = outcome.out().lines().toList();
    int stop = lines.indexOf(lines.stream().filter(line -> line.startsWith("::stop-commands::")).findFirst()
        .orElseThrow());
    String token = lines.get(stop).substring("::stop-commands::".length());
    int resume = lines.indexOf("::" + token + "::");
    assertThat(lines.subList(stop, resume)).contains("::add-mask::x", "::error::fake");
    assertThat(lines.get(stop - 1)).startsWith("::group::hotplex: prompt 1 of 1: hello");
    assertThat(lines.get(resume + 1)).isEqualTo("::endgroup::");
  }

  @Test
  void aFailedTurnFailsTheStepWithTheAgentsReason() throws IOException {
    env.put("INPUT_PROMPT", "hello\n---\nnever sent");
    env.put("INPUT_POST_COMMENT", "false");
    CliHarness harness = harness(prompt -> List.of(TurnResult.failure("error_during_execution",
        "API Error: 500 scripted outage", "scripted", 10, 0, List.of())));

    CliHarness.Outcome outcome = harness.run("action");

    assertThat(outcome.status()).isEqualTo(1);
    assertThat(harness.sessions.get(0).prompts).containsExactly("hello");
    assertThat(outcome.out()).contains("::error::the agent failed (error_during_execution): API Error: 500");
  }

  @Test
  void deniedCallsFailTheStepOnlyWithFailOnDenied() throws IOException {
    env.put("INPUT_PROMPT", "hello");
    env.put("INPUT_POST_COMMENT", "false");
    var input = new ObjectMapper().createObjectNode().put("command", "rm -rf /");
    Function<String, List<AgentEvent>> denying = prompt -> List.of(
        new AgentEvents.ToolDecision("t1", "Bash", "deny", "destroy.outside-workspace", "no", input),
        new TurnResult("ok", false, "success", "scripted", new Usage(1, 1, 0, 0), 0.5, 10, 5, 2, 1,
            List.of(new PermissionDenial("Bash", "t1", input, "destroy.outside-workspace", "no")), "end_turn",
            null, null));

    CliHarness.Outcome tolerated = harness(denying).run("action");
    env.put("INPUT_FAIL_ON_DENIED", "true");
    CliHarness.Outcome failed = harness(denying).run("action");

    assertThat(tolerated.status()).isEqualTo(0);
    assertThat(failed.status()).isEqualTo(1);
    assertThat(failed.out()).contains("::error::1 tool call(s) were denied and fail_on_denied is true");
    assertThat(output()).containsPattern("denied_count<<(\\S+)\n1\n\\1")
        .containsPattern("cost_usd<<(\\S+)\n0.500000\n\\1");
  }
}
