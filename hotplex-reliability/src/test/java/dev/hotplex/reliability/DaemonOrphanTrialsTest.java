package dev.hotplex.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.client.HotplexClient;
import dev.hotplex.client.SessionInfo;
import dev.hotplex.client.SessionSpec;
import dev.hotplex.event.TurnResult;
import dev.hotplex.reliability.OrphanTrial.Ending;
import dev.hotplex.reliability.OrphanTrial.Tally;
import dev.hotplex.testkit.model.ModelReply;
import dev.hotplex.testkit.model.ModelRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orphans through the daemon (its own JVM, real Claude Code): the same daemonizing tool call, ended by closing the
 * session, the interrupt API, the session's timeout, SIGKILL of the agent, and SIGKILL of the daemon itself (then
 * a new daemon on the same state folder must report the cut turn as failed). No process of a trial may remain.
 */
class DaemonOrphanTrialsTest {
  /** Trials per sandbox variant, spread over the five endings (full: 50). */
  static final int TRIALS = Trials.count("daemonOrphanTrials", 5, 50);
  static final List<Ending> ENDINGS = List.of(Ending.STOP, Ending.INTERRUPT, Ending.TIMEOUT, Ending.CRASH,
      Ending.DAEMON_CRASH);
  @RegisterExtension
  static final Figures.Table TABLE = Figures.table(20, "orphans-daemon",
      "Orphans, daemon (hotplex serve in its own JVM, real Claude Code, same tool calls)",
      "sandbox", "ending", "trials", "wrong outcome", "daemons not started", "trials with leftovers",
      "processes left", "slowest clean-up (ms)");

  @TempDir Path dir;
  @RegisterExtension final ClaudeRig rig = new ClaudeRig();
  private int daemons;

  @Test
  void noProcessOutlivesADaemonTrialWithoutSandbox() throws Exception {
    runTrials("none", "off");
  }

  @Test
  void noProcessOutlivesADaemonTrialInBwrap() throws Exception {
    ClaudeRig.assumeBwrap();
    runTrials("bwrap", "bwrap");
  }

  private DaemonProcess daemon(String sandbox) throws IOException, InterruptedException {
    Path daemonDir = Files.createDirectories(dir.resolve("daemon-" + (++daemons)));
    return DaemonProcess.start(daemonDir, rig.claude, sandbox, Map.of("ANTHROPIC_API_KEY", ClaudeRig.API_KEY),
        List.of(), false);
  }

  private void runTrials(String variant, String sandbox) throws Exception {
    Map<Ending, Tally> tallies = OrphanTrial.tallies(ENDINGS);
    try (DaemonProcess shared = daemon(sandbox)) {
      for (int i = 0; i < TRIALS; i++) {
        Ending ending = ENDINGS.get(i % ENDINGS.size());
        if (ending == Ending.DAEMON_CRASH) {
          DaemonProcess doomed = daemon(sandbox);
          try {
            trial(doomed, sandbox, ending, tallies.get(ending));
          } finally {
            doomed.close();
          }
        } else {
          trial(shared, sandbox, ending, tallies.get(ending));
        }
      }
    }
    tallies.forEach((ending, t) -> TABLE.row(variant, ending.label(), t.trials, t.wrongOutcomes, t.notStarted,
        t.withLeftovers, t.leftovers, t.maxCleanupMillis));
    tallies.forEach((ending, t) -> assertThat(t.clean()).as("%s/%s: %s", variant, ending, t.firstProblem).isTrue());
  }

  private void trial(DaemonProcess daemon, String sandbox, Ending ending, Tally tally) throws Exception {
    tally.trials++;
    String token = Trials.token();
    String prompt = "ORPHAN-" + token + " start the background processes";
    rig.model.when(ModelRequest::lastUserTextContains, "ORPHAN-" + token).once()
        .reply(ModelReply.bash(OrphanTrial.command(token, ending != Ending.STOP), "start background processes"));
    HotplexClient client = daemon.client;
    SessionInfo session = client.createOrReuseSession(SessionSpec.named("orphan-" + token)
        // Not named after the token: the sandbox's command line names the workspace.
        .workDir(Files.createDirectories(daemon.dir.resolve("work-" + ending.label() + "-" + tally.trials)))
        .allowedTools(List.of("Bash"))
        .baseUrl(rig.model.baseUrl())
        .timeout(ending == Ending.TIMEOUT ? EngineOrphanTrialsTest.TIMEOUT_TURN : ClaudeRig.STEP));
    String marker = null;
    try {
      if (ending == Ending.TIMEOUT) {
        client.streamEvents(session.id(), client.startTurn(session.id(), "warm up"), 0, (seq, event) -> { });
      }
      int turn = client.startTurn(session.id(), prompt);
      TurnResult result = ending == Ending.STOP ? client.streamEvents(session.id(), turn, 0, (seq, e) -> { }) : null;
      if (!OrphanTrial.awaitDaemons(token, ClaudeRig.STEP)) {
        tally.daemonsMissing(token);
      }
      marker = OrphanTrial.markerEntry(client.session(session.id()).pid()).orElse(null);
      result = end(daemon, session.id(), turn, ending, marker, result, sandbox, tally, token);
      long ended = System.nanoTime();
      tally.outcome(ending, result, token);
      if (ending == Ending.INTERRUPT || ending == Ending.TIMEOUT || ending == Ending.CRASH) {
        String agentMarker = ending == Ending.CRASH ? marker : null;
        tally.left(ProcessScan.awaitGone(token, agentMarker, OrphanTrial.CLEANUP_BOUND), token, "before close");
        client.closeSession(session.id());
      }
      List<ProcessScan.Proc> left = ProcessScan.awaitGone(token, marker, OrphanTrial.CLEANUP_BOUND);
      tally.maxCleanupMillis = Math.max(tally.maxCleanupMillis, (System.nanoTime() - ended) / 1_000_000);
      tally.left(left, token, "at the end");
    } finally {
      OrphanTrial.killAll(ProcessScan.find(token, marker));
    }
  }

  private TurnResult end(DaemonProcess daemon, String session, int turn, Ending ending, String marker,
      TurnResult stopResult, String sandbox, Tally tally, String token) throws Exception {
    HotplexClient client = daemon.client;
    switch (ending) {
      case STOP -> {
        client.closeSession(session);
        return stopResult;
      }
      case INTERRUPT -> client.interrupt(session);
      case CRASH -> OrphanTrial.claudePid(marker, rig.claude)
          .ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      case DAEMON_CRASH -> {
        daemon.killNine();
        long killed = System.nanoTime();
        tally.left(ProcessScan.awaitGone(token, marker, OrphanTrial.CLEANUP_BOUND), token, "after the daemon died");
        tally.maxCleanupMillis = Math.max(tally.maxCleanupMillis, (System.nanoTime() - killed) / 1_000_000);
        // A new daemon on the same state folder must end the cut turn's log with a failure.
        try (DaemonProcess next = DaemonProcess.start(daemon.dir, rig.claude, sandbox,
            Map.of("ANTHROPIC_API_KEY", ClaudeRig.API_KEY), List.of(), false)) {
          return next.client.streamEvents(session, turn, 0, (seq, event) -> { });
        }
      }
      default -> { } // TIMEOUT: the session's own timeout ends it
    }
    return client.streamEvents(session, turn, 0, (seq, event) -> { });
  }

}
