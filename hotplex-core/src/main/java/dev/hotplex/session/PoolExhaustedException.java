package dev.hotplex.session;

/** A pool at its session limit could not open another session because no session was idle to evict. */
public class PoolExhaustedException extends HotplexException {
  public PoolExhaustedException(String message) {
    super(message);
  }
}
