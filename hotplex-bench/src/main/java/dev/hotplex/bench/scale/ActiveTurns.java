package dev.hotplex.bench.scale;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.session.Session;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every session runs {@code turnsEach} turns back to back, all sessions at once. Each prompt names its session and
 * turn; the fake agent echoes it, so an event that reaches the wrong turn is seen (misrouted), and a turn without
 * its text event or result is counted as lost.
 */
final class ActiveTurns {
  private final List<Session> sessions;
  private final int turnsEach;
  private final long[] latencies;
  private final AtomicInteger recorded = new AtomicInteger();
  private final AtomicLong misrouted = new AtomicLong();
  private final AtomicLong succeeded = new AtomicLong();
  private final CountDownLatch sessionsDone;

  ActiveTurns(List<Session> sessions, int turnsEach) {
    this.sessions = sessions;
    this.turnsEach = turnsEach;
    this.latencies = new long[sessions.size() * turnsEach];
    this.sessionsDone = new CountDownLatch(sessions.size());
  }

  /** Runs every session's turns; returns false if they did not all end within {@code limit}. */
  boolean run(Duration limit) throws InterruptedException {
    for (int i = 0; i < sessions.size(); i++) {
      next(i, 1);
    }
    return sessionsDone.await(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void next(int session, int turn) {
    String prompt = "s" + session + " t" + turn;
    String echo = "ECHO: " + prompt;
    boolean[] sawText = new boolean[1];
    long start = System.nanoTime();
    try {
      sessions.get(session).send(prompt, event -> check(event, echo, sawText, start))
          .result().whenComplete((result, error) -> {
            if (error == null && result.success() && sawText[0]) {
              succeeded.incrementAndGet();
            }
            if (turn < turnsEach) {
              next(session, turn + 1);
            } else {
              sessionsDone.countDown();
            }
          });
    } catch (RuntimeException e) {
      sessionsDone.countDown(); // this session's remaining turns count as lost
    }
  }

  private void check(AgentEvent event, String echo, boolean[] sawText, long start) {
    if (event instanceof AgentEvents.Text text) {
      sawText[0] = true;
      if (!echo.equals(text.text())) {
        misrouted.incrementAndGet();
      }
    } else if (event instanceof TurnResult result) {
      latencies[recorded.getAndIncrement()] = System.nanoTime() - start;
      if (!echo.equals(result.text())) {
        misrouted.incrementAndGet();
      }
    }
  }

  long[] latencies() {
    return Arrays.copyOf(latencies, recorded.get());
  }

  int expectedTurns() {
    return latencies.length;
  }

  /** Turns that failed, came without their text event, or never ended. */
  long lost() {
    return latencies.length - succeeded.get();
  }

  long misrouted() {
    return misrouted.get();
  }
}
