package dev.hotplex.session;

import static dev.hotplex.session.FakeAgents.TEST_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotplex.Hotplex;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.testkit.fakecli.FakeAgentCli.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFailuresTest {
  // Long enough for a fake CLI JVM to start on a loaded CI machine, short enough to keep the suite quick.
  private static final Duration SHORT_TURN = Duration.ofSeconds(4);
  private static final Duration SHORT_GRACE = Duration.ofSeconds(1);

  @TempDir Path dir;

  private Session session(SessionOptions.Builder options) {
    return Hotplex.session(options.build(), FakeAgents.registry());
  }

  @Test
  void processDyingMidTurnFailsTheTurnAndTheNextTurnResumesInANewProcess() throws Exception {
    try (Session session = session(FakeAgents.options(dir, Mode.NORMAL))) {
      TurnResult crashed = session.send("MODE:crash-mid-turn go", null).await(TEST_TIMEOUT).orElseThrow();
      String conversation = session.agentSessionId().orElseThrow();
      TurnResult next = session.send("are you back?", null).await(TEST_TIMEOUT).orElseThrow();

      assertThat(crashed.success()).isFalse();
      assertThat(crashed.subtype()).isEqualTo("error_process_exited");
      assertThat(crashed.errorMessage()).contains("exit code 1").contains("during turn 1")
          .contains("simulated crash in the middle of a turn");
      assertThat(next.success()).as(next.errorMessage()).isTrue();
      assertThat(next.agentSessionId()).isEqualTo(conversation);
      List<List<String>> argv = FakeAgents.recordedArgv(dir);
      assertThat(argv).hasSize(2);
      assertThat(argv.get(0)).doesNotContain("--resume");
      assertThat(argv.get(1)).containsSubsequence("--resume", conversation);
    }
  }

  @Test
  void hangingTurnTimesOutAndAnAgentThatHonoursTheInterruptKeepsItsProcess() throws Exception {
    try (Session session = session(FakeAgents.options(dir, Mode.NORMAL).turnTimeout(SHORT_TURN)
        .interruptGrace(TEST_TIMEOUT))) {
      TurnResult timedOut = session.send("MODE:hang wait", null).await(TEST_TIMEOUT).orElseThrow();
      long pid = session.pid().orElseThrow();
      TurnResult next = session.send("still there?", null).await(TEST_TIMEOUT).orElseThrow();

      assertThat(timedOut.success()).isFalse();
      assertThat(timedOut.subtype()).isEqualTo("error_timeout");
      assertThat(timedOut.errorMessage()).contains("timed out").contains("turn timeout of 4s")
          .contains("which stopped");
      assertThat(next.success()).as(next.errorMessage()).isTrue();
      assertThat(session.pid()).contains(pid);
    }
  }

  @Test
  void agentIgnoringTheInterruptIsKilledWithItsGroupAndTheNextTurnResumes() throws Exception {
    try (Session session = session(FakeAgents.options(dir, Mode.NORMAL).turnTimeout(SHORT_TURN)
        .interruptGrace(SHORT_GRACE))) {
      // A first turn makes the conversation id known however slowly the fake starts on a busy machine.
      String conversation = session.send("warm up", null).await(TEST_TIMEOUT).orElseThrow().agentSessionId();
      Turn turn = session.send("MODE:hang-ignore-interrupt wait", null);
      String marker = awaitMarker(session);
      TurnResult timedOut = turn.await(TEST_TIMEOUT).orElseThrow();

      assertThat(timedOut.subtype()).isEqualTo("error_timeout");
      assertThat(timedOut.errorMessage()).contains("killed its process group");
      assertThat(session.pid()).isEmpty();
      assertThat(FakeAgents.markedAfterDeath(marker)).isEmpty();

      TurnResult next = session.send("again", null).await(TEST_TIMEOUT).orElseThrow();
      assertThat(next.success()).as(next.errorMessage()).isTrue();
      assertThat(FakeAgents.recordedArgv(dir).get(1)).containsSubsequence("--resume", conversation);
    }
  }

  @Test
  void cancelStopsTheRunningTurnAndRemovesAQueuedOne() throws Exception {
    try (Session session = session(FakeAgents.options(dir, Mode.NORMAL))) {
      Turn running = session.send("MODE:hang wait", null);
      FakeAgents.Recorder queuedEvents = new FakeAgents.Recorder();
      Turn queued = session.send("never sent", queuedEvents);
      queued.cancel();
      TurnResult queuedResult = queued.await(TEST_TIMEOUT).orElseThrow();
      awaitMarker(session);
      running.cancel();
      TurnResult cancelled = running.await(TEST_TIMEOUT).orElseThrow();

      assertThat(queuedResult.subtype()).isEqualTo("error_cancelled");
      assertThat(queuedResult.errorMessage()).contains("before it started");
      assertThat(queuedEvents.events).containsExactly(queuedResult);
      assertThat(cancelled.subtype()).isEqualTo("error_cancelled");
      assertThat(session.send("after", null).await(TEST_TIMEOUT).orElseThrow().text()).isEqualTo("ECHO: after");
    }
  }

  @Test
  void cliExitingAtStartUpFailsTheTurnWithExitCodeStderrAndMissingKey() throws Exception {
    try (Session session = session(FakeAgents.optionsWithoutKey(dir, Mode.EXIT_AT_START))) {
      TurnResult result = session.send("hi", null).await(TEST_TIMEOUT).orElseThrow();

      assertThat(result.success()).isFalse();
      assertThat(result.subtype()).isEqualTo("error_process_exited");
      assertThat(result.errorMessage()).contains("exit code 3").contains("at start-up")
          .contains("simulated start-up failure").contains(FakeAgentProvider.API_KEY_VARIABLE + " is not set");
    }
  }

  @Test
  void cliThatPrintsNothingIsStoppedAfterTheStartupTimeout() throws Exception {
    Path silent = dir.resolve("silent-cli");
    Files.writeString(silent, "#!/bin/sh\nexec sleep 600\n");
    Files.setPosixFilePermissions(silent, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Session session = session(FakeAgents.options(dir, Mode.NORMAL).cliPath(silent)
        .startupTimeout(Duration.ofSeconds(1)).interruptGrace(SHORT_GRACE))) {
      Turn turn = session.send("hi", null);
      String marker = awaitMarker(session);
      TurnResult result = turn.await(TEST_TIMEOUT).orElseThrow();

      assertThat(result.subtype()).isEqualTo("error_timeout");
      assertThat(result.errorMessage()).contains("start-up timeout").contains("killed its process group");
      assertThat(FakeAgents.markedAfterDeath(marker)).isEmpty();
    }
  }

  @Test
  void missingCliNamesTheInstallCommand() {
    SessionOptions options = SessionOptions.builder().provider(FakeAgentProvider.ID).workDir(dir).build();

    assertThatThrownBy(() -> Hotplex.session(options, FakeAgents.registry()))
        .isInstanceOf(AgentNotFoundException.class)
        .hasMessageContaining("npm install --prefix .hotplex/agents/fake @example/fake-agent@1.2.3")
        .hasMessageContaining("scripts/install-agents fake")
        .hasMessageContaining("node_modules/.bin/" + FakeAgentProvider.EXECUTABLE);
  }

  @Test
  void garbageOutputIsReportedAndTheTurnStillCompletes() throws Exception {
    try (Session session = session(FakeAgents.options(dir, Mode.GARBAGE))) {
      FakeAgents.Recorder events = new FakeAgents.Recorder();
      TurnResult result = session.send("hi", events).await(TEST_TIMEOUT).orElseThrow();

      assertThat(result.success()).isTrue();
      assertThat(result.text()).isEqualTo("ECHO: hi");
      assertThat(events.of(AgentEvents.Error.class)).hasSizeGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void overlongLineIsSkippedWithAnErrorNamingTheCap() throws Exception {
    try (Session session = session(FakeAgents.options(dir, Mode.HUGE_LINE))) {
      FakeAgents.Recorder events = new FakeAgents.Recorder();
      TurnResult result = session.send("hi", events).await(TEST_TIMEOUT).orElseThrow();

      assertThat(result.success()).isTrue();
      assertThat(events.of(AgentEvents.Error.class)).singleElement()
          .satisfies(error -> assertThat(error.message()).contains("line cap").contains("hotplex.transport"
              + ".maxLineBytes").contains(String.valueOf(16 * 1024 * 1024)));
    }
  }

  @Test
  void floodOfOutputIsStreamedThroughAndTheTurnCompletes() throws Exception {
    try (Session session = session(FakeAgents.options(dir, Mode.FLOOD).environment("FAKE_CLI_FLOOD_MB", "64"))) {
      long[] count = new long[1];
      TurnResult result = session.send("hi", event -> count[0]++).await(TEST_TIMEOUT).orElseThrow();

      assertThat(result.success()).isTrue();
      assertThat(result.text()).isEqualTo("ECHO: hi");
      assertThat(count[0]).isEqualTo(3); // init, text, result: the flood's stream events are not turned into events
    }
  }

  /** The running process's marker, once its turn has started. */
  static String awaitMarker(Session session) throws InterruptedException {
    AgentSession agent = (AgentSession) session;
    long deadline = System.nanoTime() + TEST_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (agent.processMarker().isPresent() && agent.busy()) {
        return agent.processMarker().get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no agent process started");
  }
}
