package dev.hotplex.policy;

/**
 * Receives every decision {@link PolicyPermissionHandler} makes, e.g. to write an audit log.
 *
 * <p>Contract: fast and thread-safe; an exception thrown here is logged and never changes the decision.
 */
@FunctionalInterface
public interface DecisionListener {
  void onDecision(DecisionRecord record);
}
