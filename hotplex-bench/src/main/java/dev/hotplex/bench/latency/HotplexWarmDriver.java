package dev.hotplex.bench.latency;

import dev.hotplex.session.Session;
import dev.hotplex.session.SessionKey;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.session.SessionPool;
import java.io.IOException;

/** Warm turns in one hotplex session (one long-lived agent process). */
public final class HotplexWarmDriver implements TurnDriver {
  private final SessionPool pool;
  private final Session session;

  public HotplexWarmDriver(SessionOptions options) {
    this.pool = SessionPool.builder().build();
    this.session = pool.open(SessionKey.of("bench", "warm"), options);
  }

  @Override
  public long turn(String prompt) throws IOException, InterruptedException {
    return HotplexTurns.timedTurn(session, prompt);
  }

  /** The agent's pid, once the first turn started it. */
  public long pid() {
    return session.pid().orElseThrow(() -> new IllegalStateException("the hotplex session has no agent process"));
  }

  @Override
  public void close() {
    pool.close();
  }
}
