package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.testkit.github.FakeGitHub;
import dev.hotplex.testkit.github.PullRequestFixture;
import dev.hotplex.testkit.model.FakeModelServer;
import dev.hotplex.testkit.model.ModelReply;
import dev.hotplex.testkit.model.ModelRequest;
import dev.hotplex.testkit.model.ModelScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A GitHub Actions job for end-to-end tests of the action: a pull request event on a sample repository, the fake
 * GitHub, the folders the runner provides (workspace, event, file commands, home, temp) and the scripted model
 * conversations. The environment names the folders as the action sees them: on the host, or inside a container.
 */
final class ActionJob implements AutoCloseable {
  static final String KEY = "sk-ant-e2e-key-0123456789abcdef";
  static final String TOKEN = "ghs_e2e_token_0123456789abcdef";
  static final int PULL_REQUEST = 7;
  static final String OLD_LINE = "    return sum(values) / len(values)";
  static final String NEW_LINE = "    return sum(values) / len(values) if values else 0.0";
  static final String REVIEW = "I read average.py.\n```hotplex-review\n{\"summary\": \"average() divides by zero"
      + " for an empty list.\", \"findings\": [{\"path\": \"average.py\", \"line\": 3, \"severity\": \"error\","
      + " \"message\": \"len(values) is 0 for an empty list\", \"suggestion\": \"" + NEW_LINE.replace("\"", "\\\"")
      + "\"}, {\"path\": \"README.md\", \"line\": 1, \"severity\": \"notice\", \"message\": \"Say what an empty"
      + " list gives.\"}]}\n```";

  final PullRequestFixture pr;
  final FakeGitHub github;
  final Map<String, String> inputs = new HashMap<>();
  private final Path temp;

  ActionJob(Path temp) throws IOException {
    this.temp = temp;
    pr = PullRequestFixture.create(temp.resolve("workspace"),
        Map.of("README.md", "# averages\n", "average.py", "def average(values):\n    # the mean\n" + OLD_LINE + "\n"),
        Map.of("average.py", "def average(values):\n    total = sum(values)\n" + OLD_LINE + "\n"));
    github = FakeGitHub.start("octo/sample", TOKEN);
    github.repository().addPullRequest(PULL_REQUEST, "feature", pr.headSha(), "main", pr.files());
    for (String dir : new String[] {"workflow", "file_commands", "home", "runner_temp"}) {
      Files.createDirectories(temp.resolve(dir));
    }
    pr.writeEvent(temp.resolve("workflow/event.json"), "octo/sample", PULL_REQUEST);
    inputs.put("INPUT_GITHUB_TOKEN", TOKEN);
    inputs.put("INPUT_ANTHROPIC_API_KEY", KEY);
    inputs.put("INPUT_TIMEOUT_MINUTES", "3");
  }

  /** The host folders the runner would mount: workspace, workflow, file_commands, home, runner_temp. */
  Path hostDir(String name) {
    return name.equals("workspace") ? pr.dir() : temp.resolve(name);
  }

  /**
   * The step's environment, with each runner folder named by {@code where} (given the folder's name), the model at
   * {@code model}, and the token in the workflow's environment too: none of it may reach the agent.
   */
  Map<String, String> environment(UnaryOperator<String> where, FakeModelServer model) {
    Map<String, String> env = new HashMap<>(inputs);
    env.put("HOME", where.apply("home"));
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_WORKSPACE", where.apply("workspace"));
    env.put("GITHUB_EVENT_NAME", "pull_request");
    env.put("GITHUB_EVENT_PATH", where.apply("workflow") + "/event.json");
    env.put("GITHUB_OUTPUT", where.apply("file_commands") + "/output");
    env.put("GITHUB_STEP_SUMMARY", where.apply("file_commands") + "/summary.md");
    env.put("RUNNER_TEMP", where.apply("runner_temp"));
    env.put("GITHUB_REPOSITORY", "octo/sample");
    env.put("GITHUB_API_URL", github.apiUrl());
    env.put("GITHUB_RUN_ID", "99");
    env.put("GITHUB_TOKEN", TOKEN);
    env.put("INPUT_BASE_URL", model.baseUrl());
    return env;
  }

  String output() throws IOException {
    return Files.readString(temp.resolve("file_commands/output"));
  }

  String summary() throws IOException {
    return Files.readString(temp.resolve("file_commands/summary.md"));
  }

  /** The review: read the changed file, then answer with the findings document. */
  static ModelScript reviewScript() {
    return new ModelScript()
        .when(request -> request.lastUserTextContains("pull request #" + PULL_REQUEST)
            && request.toolResult().isEmpty())
        .reply(ModelReply.read("average.py"))
        .when(request -> request.toolResult().isPresent()).reply(ModelReply.text(REVIEW));
  }

  /** A patch asked for with a prompt containing {@code PATCHIT}: read the file, edit it, report. */
  static ModelScript patchScript() {
    return new ModelScript()
        .when(ModelRequest::lastUserTextContains, "PATCHIT").once().reply(ModelReply.read("average.py"))
        .when(request -> request.toolResult().isPresent()).once()
        .reply(ModelReply.edit("average.py", OLD_LINE, NEW_LINE))
        .when(request -> request.toolResult().isPresent()).reply(ModelReply.text("Handled the empty list."));
  }

  /** The ::add-mask:: lines name the secrets for the runner to hide; no other line may show them. */
  static void assertNoSecretShown(String log) {
    assertThat(log.lines().filter(line -> !line.startsWith("::add-mask::")))
        .noneSatisfy(line -> assertThat(line).containsAnyOf(KEY, TOKEN.substring(4)));
  }

  @Override
  public void close() {
    github.close();
  }
}
