package dev.hotplex.policy;

/**
 * Receives every decision {@link PolicyPermissionHandler} makes, e.g. to write an audit log.
 *
 * <p>Contract: fast and thread-safe. An exception thrown here is logged, and a call that would have been allowed is
 * denied instead: a call must not run unrecorded.
 */
@FunctionalInterface
public interface DecisionListener {
  void onDecision(DecisionRecord record);
}
