package dev.hotplex.session;

import dev.hotplex.event.AgentEvents;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.PermissionHandler;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.transport.AgentThreads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a permission handler so that every tool call gets exactly one decision, and describes it as an event. */
final class Permissions {
  private static final Logger LOG = LoggerFactory.getLogger(Permissions.class);
  /** The rule named when the handler itself failed. */
  static final String RULE_HANDLER_FAILED = "hotplex.handler-failed";

  private Permissions() {}

  /**
   * Runs the handler on the shared worker (never on the reader thread), tells {@code turn} (if any) with a
   * {@code tool_decision} event before the decision goes back to the agent, and always completes normally.
   */
  static CompletionStage<PermissionDecision> decide(PermissionHandler handler, ToolCall call, AgentTurn turn) {
    return CompletableFuture.supplyAsync(() -> decideSafely(handler, call), AgentThreads.worker())
        .thenApply(decision -> {
          if (turn != null) {
            turn.emit(decisionEvent(call, decision));
          }
          return decision;
        });
  }

  /** The handler's decision; a handler that throws or returns null denies, saying why. */
  static PermissionDecision decideSafely(PermissionHandler handler, ToolCall call) {
    try {
      PermissionDecision decision = handler.decide(call);
      if (decision != null) {
        return decision;
      }
      return PermissionDecision.deny(RULE_HANDLER_FAILED, "The permission handler returned no decision for "
          + call.toolName() + ", so the call is denied.");
    } catch (RuntimeException | LinkageError | AssertionError e) {
      LOG.info("The permission handler failed on a {} call; denying it", call.toolName(), e);
      return PermissionDecision.deny(RULE_HANDLER_FAILED, "The permission handler failed (" + e.getClass()
          .getSimpleName() + ": " + e.getMessage() + "), so the call is denied.");
    }
  }

  static AgentEvents.ToolDecision decisionEvent(ToolCall call, PermissionDecision decision) {
    if (decision instanceof PermissionDecision.Allow allow) {
      return new AgentEvents.ToolDecision(call.toolUseId(), call.toolName(), "allow", allow.rule(), allow.reason(),
          allow.updatedInput() != null ? allow.updatedInput() : call.input());
    }
    return new AgentEvents.ToolDecision(call.toolUseId(), call.toolName(), "deny", decision.rule(),
        decision.reason(), call.input());
  }
}
