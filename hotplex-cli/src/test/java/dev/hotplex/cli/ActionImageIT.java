package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotplex.testkit.model.FakeModelServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action's container image, run with podman the way GitHub runs a Docker action: the runner's folders mounted
 * under {@code /github}, the inputs and the job in the environment, the workspace owned by the runner's user
 * (uid 1001) while the container runs as root. The model and GitHub are the test kit's fakes on the host's
 * 127.0.0.1 ({@code --network host}). Runs only from {@code scripts/action-image test}, which builds the image and
 * names it in {@code hotplex.action.image}.
 */
@Timeout(600)
class ActionImageIT {
  private static final String IMAGE = System.getProperty("hotplex.action.image", "");
  private static final String PODMAN = System.getProperty("hotplex.action.podman", "podman");
  /** The runner's user on GitHub's hosted runners, who owns the workspace. */
  private static final String RUNNER_UID = "1001";
  private static final long RUN_LIMIT_SECONDS = 300;

  @TempDir
  Path temp;
  private ActionJob job;

  @BeforeEach
  void aJob() throws IOException {
    assumeTrue(!IMAGE.isEmpty(), "the action image test runs from scripts/action-image test (it builds the image)");
    job = new ActionJob(temp);
  }

  @AfterEach
  void stop() {
    if (job != null) {
      job.close();
    }
  }

  private record Run(int status, String log) {}

  private Run runContainer(FakeModelServer model, String name) throws IOException, InterruptedException {
    Path workspace = job.hostDir("workspace");
    Map<String, String> env = job.environment(dir -> "/github/" + dir, model);
    Path envFile = temp.resolve(name + ".env");
    List<String> lines = new ArrayList<>();
    env.forEach((key, value) -> lines.add(key + "=" + value));
    Files.write(envFile, lines);
    exec(List.of("chown", "-R", RUNNER_UID + ":" + RUNNER_UID, workspace.toString()));
    List<String> command = new ArrayList<>(List.of(PODMAN, "run", "--rm", "--runtime", "runc",
        "--ulimit", "nofile=4096:4096", "--ulimit", "nproc=4096:4096", "--network", "host",
        "--workdir", "/github/workspace", "--env-file", envFile.toString()));
    for (String dir : List.of("workspace", "workflow", "file_commands", "home", "runner_temp")) {
      command.addAll(List.of("-v", job.hostDir(dir) + ":/github/" + dir));
    }
    command.add(IMAGE);
    Path log = temp.resolve(name + ".log");
    Process podman = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!podman.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
      podman.destroy();
      podman.waitFor(30, TimeUnit.SECONDS);
      assertThat(false).as("the container did not end in " + RUN_LIMIT_SECONDS + " s:\n" + Files.readString(log))
          .isTrue();
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    ActionJob.assertNoSecretShown(text);
    return new Run(podman.exitValue(), text);
  }

  private static void exec(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as(command + ": " + output)
        .isTrue();
  }

  @Test
  void reviewInTheContainerPostsTheReviewAndTheSummaryComment() throws Exception {
    job.inputs.put("INPUT_MODE", "review");
    try (FakeModelServer model = FakeModelServer.start(ActionJob.reviewScript())) {
      Run run = runContainer(model, "review");

      assertThat(run.status()).as(run.log()).isEqualTo(0);
      assertThat(run.log()).contains("Read: average.py  ✔ allowed (tools.allowed)");
      assertThat(job.github.repository().reviews(ActionJob.PULL_REQUEST)).singleElement().satisfies(review ->
          assertThat(review.path("comments")).singleElement().satisfies(comment ->
              assertThat(comment.path("line").asInt()).isEqualTo(3)));
      assertThat(job.github.repository().issueComments(ActionJob.PULL_REQUEST)).hasSize(1);
      assertThat(job.output()).containsPattern("conclusion<<(\\S+)\nsuccess\n\\1");
      assertThat(job.summary()).contains("## hotplex review: ✅ success");
    }
  }

  @Test
  void patchInTheContainerWorksOnAWorkspaceOwnedByTheRunnersUser() throws Exception {
    job.inputs.put("INPUT_MODE", "patch");
    job.inputs.put("INPUT_PROMPT", "PATCHIT: make average() return 0.0 for an empty list");
    job.inputs.put("INPUT_OPEN_PULL_REQUEST", "true");
    try (FakeModelServer model = FakeModelServer.start(ActionJob.patchScript())) {
      Run run = runContainer(model, "patch");

      assertThat(run.status()).as(run.log()).isEqualTo(0);
      ActionAgainstClaudeCliTest.assertPatchPublished(job.github, job.pr);
      assertThat(job.output()).containsPattern("conclusion<<(\\S+)\nsuccess\n\\1");
    }
  }
}
