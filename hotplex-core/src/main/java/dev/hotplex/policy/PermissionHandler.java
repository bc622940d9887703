package dev.hotplex.policy;

/**
 * Answers every tool call before it runs. The policy layer implements this; so can SDK users.
 *
 * <p>Contract: return a decision, never null. Implementations must be thread-safe (sessions call them
 * concurrently). If a handler throws or returns null, the engine denies the call and says why; a broken policy
 * never lets a call through.
 */
@FunctionalInterface
public interface PermissionHandler {
  PermissionDecision decide(ToolCall call);
}
