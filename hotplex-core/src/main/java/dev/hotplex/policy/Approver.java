package dev.hotplex.policy;

/**
 * Decides calls the policy marks {@link Decision#ASK} (a human, a chat-ops bot, a stricter second policy).
 * Without an approver, as in headless CI, every {@code ask} is denied.
 *
 * <p>Contract: thread-safe; may block while it waits for an answer; throwing denies the call.
 */
@FunctionalInterface
public interface Approver {
  /** Returns true to run the call the policy asked about. */
  boolean approve(ToolCall call, PolicyVerdict question);
}
