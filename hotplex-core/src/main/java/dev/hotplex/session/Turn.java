package dev.hotplex.session;

import dev.hotplex.event.TurnResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A running (or queued) turn. Its events go to the listener given to {@code send}. */
public interface Turn {

  /** 1 for the session's first turn, then 2, 3, ... */
  int number();

  /**
   * Completes with the turn's result once the agent ends it. Always completes normally: a dead process, a
   * timeout or a cancel give a result with {@code isError() == true} and an {@code errorMessage}.
   */
  CompletableFuture<TurnResult> result();

  /** Waits for the result. */
  TurnResult await() throws InterruptedException;

  /** Waits at most {@code timeout}; empty when it has not ended by then. */
  java.util.Optional<TurnResult> await(Duration timeout) throws InterruptedException;

  /**
   * Stops the turn: interrupt first, then, after the session's grace period, kill the agent's process group. A
   * queued turn is removed from the queue. The result says {@code error_cancelled}.
   */
  void cancel();
}
