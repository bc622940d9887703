package dev.hotplex.bench.latency;

import dev.hotplex.event.TurnResult;
import dev.hotplex.session.Session;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Times hotplex turns the way users see them: from {@code send} to the result event reaching the listener. */
public final class HotplexTurns {
  /** Longest a single benchmark turn may take before the run stops. */
  public static final Duration TURN_LIMIT = Duration.ofSeconds(60);

  private record Timed(long endNanos, TurnResult result) {}

  private HotplexTurns() {}

  /**
   * Sends {@code prompt} and waits for its result, which must be a success with the text {@code "ECHO: " + prompt}
   * (what both the fake model and the instant fake agent answer).
   *
   * @return nanoseconds from the {@code send} call to the result event
   * @throws IOException when the turn failed, answered something else or took longer than {@link #TURN_LIMIT}
   */
  public static long timedTurn(Session session, String prompt) throws IOException, InterruptedException {
    CompletableFuture<Timed> done = new CompletableFuture<>();
    long start = System.nanoTime();
    session.send(prompt, event -> {
      if (event instanceof TurnResult result) {
        done.complete(new Timed(System.nanoTime(), result));
      }
    });
    Timed timed;
    try {
      timed = done.get(TURN_LIMIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new IOException("hotplex turn '" + prompt + "' got no result within " + TURN_LIMIT, e);
    }
    TurnResult result = timed.result();
    if (!result.success() || !("ECHO: " + prompt).equals(result.text())) {
      throw new IOException("hotplex turn '" + prompt + "' failed or answered something else: " + result.subtype()
          + " " + result.text() + " " + result.errorMessage());
    }
    return timed.endNanos() - start;
  }
}
