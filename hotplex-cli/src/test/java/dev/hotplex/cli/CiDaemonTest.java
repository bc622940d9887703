package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotplex.client.ci.CiStepException;
import dev.hotplex.client.ci.CiTurns;
import dev.hotplex.client.ci.DaemonLaunch;
import dev.hotplex.client.ci.StepOptions;
import dev.hotplex.client.ci.StepOutcome;
import dev.hotplex.event.TurnResult;
import dev.hotplex.secrets.SecretMasker;
import dev.hotplex.testkit.fakecli.FakeAgentCli;
import dev.hotplex.testkit.fakecli.FakeCliLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI step's flow outside Jenkins, against a real detached daemon (started by {@link DaemonLaunch}'s script)
 * and the test kit's fake Claude Code CLI: warm reuse across calls, the log followed from offsets, refusals, an
 * interrupt, and a stop that leaves no process.
 */
@Timeout(180)
class CiDaemonTest {
  private static final String SCOPE = "jenkins:team/app#7";

  @TempDir Path dir;
  Path workspace;
  CiDaemon daemon;

  @BeforeEach
  void start() throws Exception {
    Path fake = FakeCliLauncher.write(dir.resolve("bin"), FakeAgentCli.Mode.NORMAL);
    Path agents = Files.createDirectories(dir.resolve("agents/claude/node_modules/.bin"));
    Files.createSymbolicLink(agents.resolve("claude"), fake);
    workspace = Files.createDirectories(dir.resolve("workspace"));
    daemon = CiDaemon.start(dir.resolve("workspace@tmp/hotplex/run-7"),
        Map.of("HOTPLEX_AGENTS_DIR", dir.resolve("agents").toString(), "FAKE_CLI_DELAY_MS", "30000"));
  }

  @AfterEach
  void stop() throws Exception {
    daemon.close();
  }

  private CiTurns.Started start(StepOptions options) throws Exception {
    return CiTurns.start(daemon.client, daemon.stateDir, options, workspace, SCOPE);
  }

  @Test
  void laterCallsReuseTheWarmAgentAndTheirLogsAreFollowedInSmallReads() throws Exception {
    CiTurns.Started first = start(StepOptions.builder("first prompt").build());
    StringBuilder log = new StringBuilder();
    TurnResult firstResult = daemon.follow(first, SecretMasker.none(), log, 64);
    long firstPid = CiTurns.agentPid(daemon.client, first.sessionId());

    CiTurns.Started second = start(StepOptions.builder("second prompt").allowedTools(List.of("Read")).build());
    TurnResult secondResult = daemon.follow(second, SecretMasker.none(), log, 64);

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.sessionId()).isEqualTo(first.sessionId());
    assertThat(second.turn()).isEqualTo(2);
    assertThat(CiTurns.agentPid(daemon.client, second.sessionId())).as(daemon.logTail()).isEqualTo(firstPid)
        .isPositive();
    assertThat(firstResult.text()).isEqualTo("ECHO: first prompt");
    assertThat(secondResult.text()).isEqualTo("ECHO: second prompt");
    assertThat(log.toString()).contains("ECHO: first prompt\n").contains("── turn 1: ok")
        .contains("── turn 2: ok");
  }

  @Test
  void theSameSessionNameInAnotherFolderIsRefusedByName() throws Exception {
    Files.createDirectories(workspace.resolve("a"));
    Files.createDirectories(workspace.resolve("b"));
    daemon.follow(start(StepOptions.builder("in a").workDir("a").build()), SecretMasker.none(),
        new StringBuilder(), 4096);

    assertThatThrownBy(() -> start(StepOptions.builder("in b").workDir("b").build()))
        .isInstanceOf(CiStepException.class).hasMessageContaining("works in " + workspace.toRealPath()
            .resolve("a")).hasMessageContaining("another session name");
    CiTurns.Started other = start(StepOptions.builder("in b").workDir("b").session("b").build());
    assertThat(other.created()).isTrue();
  }

  private long agentPidOnceStarted(CiTurns.Started started) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    long pid = -1;
    while (pid <= 0 && System.nanoTime() < deadline) {
      pid = CiTurns.agentPid(daemon.client, started.sessionId());
      Thread.sleep(50);
    }
    return pid;
  }

  @Test
  void stoppingACallCancelsItsTurnAndClosesTheSessionSoTheAgentEnds() throws Exception {
    CiTurns.Started started = start(StepOptions.builder("MODE:hang until stopped").build());
    long pid = agentPidOnceStarted(started);

    boolean closed = CiTurns.stop(daemon.client, started, Duration.ofSeconds(15));
    TurnResult result = daemon.follow(started, SecretMasker.none(), new StringBuilder(), 4096);

    assertThat(closed).isTrue();
    assertThat(result.isError()).isTrue();
    assertThat(StepOutcome.of(result, started, pid, SecretMasker.none()).failure(false))
        .hasValueSatisfying(message -> assertThat(message).startsWith("The agent's turn 1 in session 'default' failed"));
    assertThat(CiDaemon.gone(pid)).as("agent pid " + pid + " after the session closed").isTrue();
  }

  @Test
  void stoppingACallThatWaitsBehindAnotherLeavesTheOtherCallRunning() throws Exception {
    CiTurns.Started other = start(StepOptions.builder("MODE:hang the other branch").build());
    long pid = agentPidOnceStarted(other);
    CiTurns.Started waiting = start(StepOptions.builder("this branch").build());

    boolean closed = CiTurns.stop(daemon.client, waiting, Duration.ofSeconds(15));

    assertThat(waiting.waiting()).isTrue();
    assertThat(closed).as("the session stays for the other call").isFalse();
    assertThat(daemon.follow(waiting, SecretMasker.none(), new StringBuilder(), 4096).isError()).isTrue();
    assertThat(daemon.client.turnComplete(other.sessionId(), other.turn())).isFalse();
    assertThat(CiDaemon.alive(pid)).isTrue();
  }

  @Test
  void stoppingTheDaemonEndsItAndEveryAgent() throws Exception {
    CiTurns.Started started = start(StepOptions.builder("hello").build());
    daemon.follow(started, SecretMasker.none(), new StringBuilder(), 4096);
    long agentPid = CiTurns.agentPid(daemon.client, started.sessionId());
    assertThat(agentPid).as(daemon.logTail()).isPositive();

    assertThat(DaemonLaunch.stop(daemon.stateDir, Duration.ofSeconds(20))).isTrue();

    assertThat(CiDaemon.gone(daemon.pid)).as("daemon pid " + daemon.pid).isTrue();
    assertThat(CiDaemon.gone(agentPid)).as("agent pid " + agentPid).isTrue();
    assertThat(daemon.stateDir.resolve("daemon.json")).doesNotExist();
    assertThat(daemon.stateDir.resolve("sessions").resolve(started.sessionId()).resolve("audit.jsonl")).exists();
  }
}
