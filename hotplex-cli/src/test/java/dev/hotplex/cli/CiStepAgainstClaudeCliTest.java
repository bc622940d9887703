package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotplex.client.ci.CiTurns;
import dev.hotplex.client.ci.StepOptions;
import dev.hotplex.client.ci.StepOutcome;
import dev.hotplex.event.TurnResult;
import dev.hotplex.secrets.SecretMasker;
import dev.hotplex.testkit.RealAgents;
import dev.hotplex.testkit.model.FakeModelServer;
import dev.hotplex.testkit.model.ModelScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI step's flow with the real Claude Code CLI: a detached daemon started by the launch script, the key in its
 * environment, the test kit's directed model on loopback. What a Jenkins build sees, without Jenkins: calls that
 * share one agent process and conversation, a denied command shown with its rule and reason that never ran, and
 * an interrupted turn whose session then ends. Skipped when the pinned CLI is not installed.
 */
@Timeout(300)
class CiStepAgainstClaudeCliTest {
  private static final String KEY = "sk-ant-ci-test-5e4d3c2b1a09";
  private static final String SCOPE = "jenkins:review#3";

  @TempDir Path dir;

  private CiDaemon daemon(FakeModelServer model) throws Exception {
    Path agents = RealAgents.claude().orElseThrow().getParent().getParent().getParent().getParent();
    return CiDaemon.start(dir.resolve("ws@tmp/hotplex/run-3"), Map.of("HOTPLEX_AGENTS_DIR", agents.toString(),
        "ANTHROPIC_BASE_URL", model.baseUrl(), "ANTHROPIC_API_KEY", KEY));
  }

  private Path workspace() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("ws"));
    Files.writeString(workspace.resolve("README.md"), "# ci sample\nChecked by CiStepAgainstClaudeCliTest.\n");
    return workspace;
  }

  @Test
  void callsShareOneAgentAndADeniedCommandIsShownWithItsRuleAndNeverRuns() throws Exception {
    assumeTrue(RealAgents.claude().isPresent(), RealAgents.NOT_INSTALLED);
    Path workspace = workspace();
    Path victim = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(victim.resolve("keep.txt"), "keep");
    SecretMasker masker = SecretMasker.of(KEY);
    StringBuilder log = new StringBuilder();
    try (FakeModelServer model = FakeModelServer.start(ModelScript.directed()); CiDaemon daemon = daemon(model)) {
      CiTurns.Started look = CiTurns.start(daemon.client, daemon.stateDir, StepOptions.builder(
          "Look around this repository: list its files and read the README.")
          .allowedTools(List.of("Bash(ls:*)", "Bash(cat:*)")).build(), workspace, SCOPE);
      TurnResult looked = daemon.follow(look, masker, log, 4096);
      long pid = CiTurns.agentPid(daemon.client, look.sessionId());

      CiTurns.Started clean = CiTurns.start(daemon.client, daemon.stateDir, StepOptions.builder(
          "Clean up.\nRUN: rm -rf " + victim).allowedTools(List.of("Bash")).build(), workspace, SCOPE);
      StepOutcome cleaned = StepOutcome.of(daemon.follow(clean, masker, log, 4096), clean, pid, masker);

      CiTurns.Started ask = CiTurns.start(daemon.client, daemon.stateDir, StepOptions.builder(
          "From what you found in your first answer, which file would you open first?").build(), workspace, SCOPE);
      TurnResult answered = daemon.follow(ask, masker, log, 4096);

      assertThat(looked.isError()).as(log.toString()).isFalse();
      assertThat(log).contains("▶ Bash: ls -1  ✔ allowed").contains("── turn 1: ok");
      assertThat(log).contains("✖ denied by destroy.outside-workspace: This deletes files outside the workspace");
      assertThat(victim.resolve("keep.txt")).exists();
      assertThat(cleaned.denied()).singleElement().satisfies(denied -> {
        assertThat(denied.rule()).isEqualTo("destroy.outside-workspace");
        assertThat(denied.input()).isEqualTo("rm -rf " + victim);
      });
      assertThat(cleaned.failure(true)).hasValueSatisfying(message ->
          assertThat(message).contains("denied by destroy.outside-workspace"));
      assertThat(answered.text()).contains("README.md begins with \"# ci sample\"");
      assertThat(CiTurns.agentPid(daemon.client, ask.sessionId())).as("one warm agent for the three calls")
          .isEqualTo(pid).isPositive();
      assertThat(log.toString()).doesNotContain(KEY);
    }
  }

  @Test
  void interruptedTurnEndsAsAFailureAndClosingTheSessionEndsItsAgent() throws Exception {
    assumeTrue(RealAgents.claude().isPresent(), RealAgents.NOT_INSTALLED);
    Path workspace = workspace();
    try (FakeModelServer model = FakeModelServer.start(ModelScript.directed()); CiDaemon daemon = daemon(model)) {
      CiTurns.Started started = CiTurns.start(daemon.client, daemon.stateDir, StepOptions.builder(
          "Follow the log.\nRUN: tail -f /dev/null").allowedTools(List.of("Bash(tail:*)")).build(), workspace,
          SCOPE);
      model.awaitRequests(1, CiDaemon.TURN_TIMEOUT);
      long pid = CiTurns.agentPid(daemon.client, started.sessionId());
      Thread.sleep(2_000); // let the agent start the tool

      daemon.client.interrupt(started.sessionId());
      StringBuilder log = new StringBuilder();
      TurnResult result = daemon.follow(started, SecretMasker.none(), log, 4096);
      daemon.client.closeSession(started.sessionId());

      assertThat(result.isError()).as(log.toString()).isTrue();
      assertThat(StepOutcome.of(result, started, pid, SecretMasker.none()).failure(false)).isPresent();
      assertThat(CiDaemon.gone(pid)).as("agent pid " + pid + " after its session closed").isTrue();
    }
  }
}
