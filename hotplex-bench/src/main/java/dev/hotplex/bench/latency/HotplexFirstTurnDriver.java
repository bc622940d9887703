package dev.hotplex.bench.latency;

import dev.hotplex.session.Session;
import dev.hotplex.session.SessionKey;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.session.SessionPool;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first turn of a new hotplex session, each turn in a session of its own. Without pre-warm the process starts
 * inside the timed span (a cold first turn). With pre-warm the pool spawned a standby process for equal options
 * when the previous session opened, and {@code standbyAge} passes before the next one opens and takes it over.
 */
final class HotplexFirstTurnDriver implements TurnDriver {
  private final SessionPool pool;
  private final SessionOptions options;
  private final boolean prewarm;
  private final Duration standbyAge;
  private final AtomicInteger opened = new AtomicInteger();

  HotplexFirstTurnDriver(SessionOptions options, boolean prewarm, Duration standbyAge) {
    this.pool = SessionPool.builder().prewarm(prewarm).maxSessions(4).build();
    this.options = options;
    this.prewarm = prewarm;
    this.standbyAge = standbyAge;
    if (prewarm) {
      pool.open(SessionKey.of("bench", "primer"), options).close(); // its open spawned the first standby
    }
  }

  @Override
  public long turn(String prompt) throws IOException, InterruptedException {
    if (prewarm) {
      Thread.sleep(standbyAge.toMillis());
    }
    try (Session session = pool.open(SessionKey.of("bench", "first-" + opened.incrementAndGet()), options)) {
      if (prewarm && session.pid().isEmpty()) {
        throw new IOException("the new session did not take over the pre-warmed process (standby "
            + pool.standbyPid().map(String::valueOf).orElse("none") + "); a pre-warmed first turn cannot be timed");
      }
      return HotplexTurns.timedTurn(session, prompt);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
