package dev.hotplex.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.Hotplex;
import dev.hotplex.event.TurnResult;
import dev.hotplex.reliability.OrphanTrial.Ending;
import dev.hotplex.reliability.OrphanTrial.Tally;
import dev.hotplex.sandbox.Sandbox;
import dev.hotplex.session.Session;
import dev.hotplex.session.Turn;
import dev.hotplex.testkit.model.ModelReply;
import dev.hotplex.testkit.model.ModelRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Orphans through the engine with the real Claude Code CLI: a tool call daemonizes three processes, then the
 * trial ends by stop (close), abort (cancel), timeout or crash (SIGKILL of the agent). After each trial no
 * process of the trial may remain anywhere in {@code /proc}; and a turn that was stopped is never a success.
 */
class EngineOrphanTrialsTest {
  /** Trials per sandbox variant, spread over the four endings (full: 100). */
  static final int TRIALS = Trials.count("orphanTrials", 4, 100);
  /** The turn timeout of timeout trials: ample for a warm agent to start the tool call. */
  static final Duration TIMEOUT_TURN = Duration.ofSeconds(8);
  static final List<Ending> ENDINGS = List.of(Ending.STOP, Ending.ABORT, Ending.TIMEOUT, Ending.CRASH);
  @RegisterExtension
  static final Figures.Table TABLE = Figures.table(10, "orphans-engine",
      "Orphans, engine (real Claude Code, tool calls with nohup, setsid and a double fork)",
      "sandbox", "ending", "trials", "wrong outcome", "daemons not started", "trials with leftovers",
      "processes left", "slowest clean-up (ms)");

  @RegisterExtension final ClaudeRig rig = new ClaudeRig();

  @Test
  void noProcessOutlivesATrialWithoutSandbox() throws Exception {
    runTrials("none", Sandbox.NONE);
  }

  @Test
  void noProcessOutlivesATrialInBwrap() throws Exception {
    ClaudeRig.assumeBwrap();
    runTrials("bwrap", ClaudeRig.bwrap());
  }

  private void runTrials(String variant, Sandbox sandbox) throws Exception {
    Map<Ending, Tally> tallies = OrphanTrial.tallies(ENDINGS);
    for (int i = 0; i < TRIALS; i++) {
      Ending ending = ENDINGS.get(i % ENDINGS.size());
      trial(sandbox, ending, tallies.get(ending));
    }
    tallies.forEach((ending, t) -> TABLE.row(variant, ending.label(), t.trials, t.wrongOutcomes, t.notStarted,
        t.withLeftovers, t.leftovers, t.maxCleanupMillis));
    tallies.forEach((ending, t) -> assertThat(t.clean()).as("%s/%s: %s", variant, ending, t.firstProblem).isTrue());
  }

  private void trial(Sandbox sandbox, Ending ending, Tally tally) throws Exception {
    tally.trials++;
    String token = Trials.token();
    String prompt = "ORPHAN-" + token;
    rig.model.when(ModelRequest::lastUserTextContains, prompt).once()
        .reply(ModelReply.bash(OrphanTrial.command(token, ending != Ending.STOP), "start background processes"));
    Session session = Hotplex.session(rig.options().sandbox(sandbox)
        .turnTimeout(ending == Ending.TIMEOUT ? TIMEOUT_TURN : ClaudeRig.STEP).build());
    String marker = null;
    try {
      if (ending == Ending.TIMEOUT) {
        // Warm first, so the short timeout is spent on the tool call, not the CLI's start.
        session.send("warm up", null).await(ClaudeRig.STEP);
      }
      Turn turn = session.send(prompt + " start the background processes", null);
      TurnResult result = ending == Ending.STOP ? turn.await(ClaudeRig.STEP).orElse(null) : null;
      if (!OrphanTrial.awaitDaemons(token, ClaudeRig.STEP)) {
        tally.daemonsMissing(token);
      }
      marker = session.pid().flatMap(OrphanTrial::markerEntry).orElse(null);
      result = end(session, turn, ending, marker, result);
      long ended = System.nanoTime();
      tally.outcome(ending, result, token);
      if (ending != Ending.STOP) {
        // The session stays open, so a warm agent may live on; the tool call's processes must be gone already,
        // and after a crash the dead agent's too.
        String agentMarker = ending == Ending.CRASH ? marker : null;
        tally.left(ProcessScan.awaitGone(token, agentMarker, OrphanTrial.CLEANUP_BOUND), token, "before close");
      }
      session.close();
      List<ProcessScan.Proc> left = ProcessScan.awaitGone(token, marker, OrphanTrial.CLEANUP_BOUND);
      tally.maxCleanupMillis = Math.max(tally.maxCleanupMillis, (System.nanoTime() - ended) / 1_000_000);
      tally.left(left, token, "after close");
    } finally {
      session.close();
      OrphanTrial.killAll(ProcessScan.find(token, marker));
    }
  }

  private TurnResult end(Session session, Turn turn, Ending ending, String marker, TurnResult stopResult)
      throws Exception {
    switch (ending) {
      case STOP -> {
        session.close();
        return stopResult;
      }
      case ABORT -> turn.cancel();
      case CRASH -> OrphanTrial.claudePid(marker, rig.claude)
          .ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      default -> { } // TIMEOUT: the engine's timer ends it
    }
    return turn.await(ClaudeRig.STEP).orElse(null);
  }
}
