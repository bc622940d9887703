package dev.hotplex.bench.scale;

import dev.hotplex.bench.overhead.OverheadBench;
import dev.hotplex.bench.results.RunClock;
import dev.hotplex.bench.results.RunRecord;
import dev.hotplex.bench.results.ScalePoint;
import dev.hotplex.bench.stats.Summary;
import dev.hotplex.event.TurnResult;
import dev.hotplex.session.Session;
import dev.hotplex.session.SessionKey;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.session.SessionPool;
import dev.hotplex.session.Turn;
import dev.hotplex.transport.AgentThreads;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Many sessions at once, each with its own process of the instant fake agent: memory and threads per idle session,
 * and turn latency with every session busy, with a check that no event is lost or reaches the wrong session.
 * Every step is bounded by {@link Plan#stepLimit()} and ends with every process gone.
 */
public final class ScaleBench {
  /** Sessions are started this many at a time (their first turns run concurrently). */
  static final int START_BATCH = 50;

  /** How much to measure. */
  public record Plan(List<Integer> idle, List<Integer> active, int activeTurns, Duration stepLimit) {}

  private final Path instantAgent;
  private final Plan plan;
  private final PrintStream progress;

  public ScaleBench(Path instantAgent, Plan plan, PrintStream progress) {
    this.instantAgent = instantAgent;
    this.plan = plan;
    this.progress = progress;
  }

  public RunRecord run(Path scratch) throws Exception {
    RunClock clock = new RunClock("scale");
    SessionOptions options = OverheadBench.instantAgentOptions(instantAgent, scratch).turnTimeout(plan.stepLimit())
        .build();
    List<ScalePoint> points = new ArrayList<>();
    for (int sessions : plan.idle()) {
      points.add(step(options, sessions, false));
    }
    for (int sessions : plan.active()) {
      points.add(step(options, sessions, true));
    }
    clock.fact("fake agent", RunClock.shown(instantAgent) + " (instant-agent.c)");
    clock.fact("turns per session when active", plan.activeTurns());
    clock.fact("time limit per step", plan.stepLimit().toSeconds() + " s");
    clock.fact("worker threads", AgentThreads.virtualThreads() ? "virtual" : "platform (cached pool)");
    clock.fact("max heap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    return clock.finish(List.of(), points);
  }

  private ScalePoint step(SessionOptions options, int count, boolean active) throws InterruptedException {
    String mode = active ? "active" : "idle";
    progress.printf("[scale] %s %d: starting %d sessions, %d at a time%n", mode, count, count, START_BATCH);
    JvmFootprint before = JvmFootprint.measure();
    long deadline = System.nanoTime() + plan.stepLimit().toNanos();
    SessionPool pool = SessionPool.builder().maxSessions(count).idleTimeout(Duration.ZERO).build();
    List<Session> sessions = new ArrayList<>();
    try {
      long start = System.nanoTime();
      long lost = startAll(pool, options, count, sessions, deadline);
      double spawnSeconds = (System.nanoTime() - start) / 1e9;
      if (sessions.size() < count) {
        return aborted(count, mode, spawnSeconds, "stopped after starting " + sessions.size() + " sessions: the"
            + " step's time limit of " + plan.stepLimit().toSeconds() + " s ran out");
      }
      JvmFootprint idle = JvmFootprint.measure();
      progress.printf("[scale] %s %d: started in %.1f s; heap %+.1f KiB, %+.2f platform threads, RSS %+.0f KiB per"
          + " session%n", mode, count, spawnSeconds, (idle.heapBytes() - before.heapBytes()) / 1024.0 / count,
          (idle.platformThreads() - before.platformThreads()) / (double) count,
          (idle.rssBytes() - before.rssBytes()) / 1024.0 / count);
      if (!active) {
        return point(count, mode, spawnSeconds, before, idle, 0, null, lost, 0, "");
      }
      ActiveTurns turns = new ActiveTurns(sessions, plan.activeTurns());
      long activeStart = System.nanoTime();
      boolean finished = turns.run(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      long[] latencies = turns.latencies();
      progress.printf("[scale] active %d: %d turns in %.1f s, lost %d, misrouted %d%n", count, latencies.length,
          (System.nanoTime() - activeStart) / 1e9, turns.lost(), turns.misrouted());
      return point(count, mode, spawnSeconds, before, idle, turns.expectedTurns(),
          latencies.length == 0 ? null : Summary.of(latencies), lost + turns.lost(), turns.misrouted(),
          finished ? "" : "the turns did not all end within the step's time limit");
    } catch (RuntimeException e) {
      return aborted(count, mode, 0, "failed: " + e);
    } finally {
      closeAll(pool, sessions);
    }
  }

  /** Opens {@code count} sessions and runs one turn in each (which starts its process); returns failed turns. */
  private long startAll(SessionPool pool, SessionOptions options, int count, List<Session> sessions, long deadline)
      throws InterruptedException {
    long failed = 0;
    for (int first = 0; first < count && System.nanoTime() < deadline; first += START_BATCH) {
      List<Turn> batch = new ArrayList<>();
      for (int i = first; i < Math.min(count, first + START_BATCH); i++) {
        Session session = pool.open(SessionKey.of("scale", "s" + i), options);
        sessions.add(session);
        batch.add(session.send("s" + i + " start", null));
      }
      for (int i = 0; i < batch.size(); i++) {
        TurnResult result = batch.get(i).await();
        if (!result.success() || !result.text().equals("ECHO: s" + (first + i) + " start")) {
          failed++;
        }
      }
      if ((first / START_BATCH) % 10 == 9) {
        progress.printf("[scale]   %d sessions started%n", sessions.size());
      }
    }
    return failed;
  }

  private ScalePoint point(int count, String mode, double spawnSeconds, JvmFootprint before, JvmFootprint idle,
      int turns, Summary latency, long lost, long misrouted, String note) {
    return new ScalePoint(count, mode, note.isEmpty(), spawnSeconds,
        (idle.heapBytes() - before.heapBytes()) / (double) count,
        (idle.platformThreads() - before.platformThreads()) / (double) count,
        (idle.rssBytes() - before.rssBytes()) / (double) count, idle.threadsByKind(), turns, latency, lost, misrouted,
        note);
  }

  private ScalePoint aborted(int count, String mode, double spawnSeconds, String note) {
    progress.printf("[scale] %s %d: %s%n", mode, count, note);
    return new ScalePoint(count, mode, false, spawnSeconds, 0, 0, 0, "", 0, null, 0, 0, note);
  }

  private void closeAll(SessionPool pool, List<Session> sessions) throws InterruptedException {
    long start = System.nanoTime();
    SessionCloser.closeAll(sessions);
    pool.close();
    int left = SessionCloser.awaitNoChildren(Duration.ofSeconds(60));
    progress.printf("[scale]   closed %d sessions in %.1f s%s%n", sessions.size(), (System.nanoTime() - start) / 1e9,
        left > 0 ? "; killed " + left + " processes that were still running" : "");
  }
}
