package dev.hotplex.cli.action;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.EventListener;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.PermissionHandler;

/**
 * Enforces {@code max_turns} in hotplex itself, whatever the agent CLI does with its own limit: model turns are
 * counted from the events (a turn starts with the model's first output after the start of the prompt or after tool
 * results went back), and once the last allowed turn asks for a tool, the call is denied with an interrupt, since
 * its result could only be read by one more turn. A provider that runs tools without asking is interrupted when
 * the turn after the limit starts.
 */
final class TurnLimit implements EventListener {
  /** The rule named by the denial. */
  static final String RULE = "action.max-turns";

  private final int maxTurns;
  private final Runnable interrupt;
  private int turns;
  private boolean toolResultsSinceOutput;
  private boolean exceeded;

  /**
   * @param maxTurns most model turns per prompt; 0 means no limit
   * @param interrupt stops the running prompt
   */
  TurnLimit(int maxTurns, Runnable interrupt) {
    this.maxTurns = maxTurns;
    this.interrupt = interrupt;
  }

  /** Resets the count for the next prompt. */
  synchronized void startPrompt() {
    turns = 0;
    toolResultsSinceOutput = false;
    exceeded = false;
  }

  /** Whether the running (or last) prompt hit the limit. */
  synchronized boolean exceeded() {
    return exceeded;
  }

  @Override
  public void onEvent(AgentEvent event) {
    boolean stop;
    synchronized (this) {
      if (event instanceof AgentEvents.ToolResult) {
        toolResultsSinceOutput = true;
        return;
      }
      boolean output = event instanceof AgentEvents.Text || event instanceof AgentEvents.TextDelta
          || event instanceof AgentEvents.Thinking || event instanceof AgentEvents.ToolUse;
      if (!output || (turns > 0 && !toolResultsSinceOutput)) {
        return;
      }
      turns++;
      toolResultsSinceOutput = false;
      stop = maxTurns > 0 && turns > maxTurns && !exceeded;
      exceeded |= stop;
    }
    if (stop) {
      interrupt.run();
    }
  }

  /** {@code handler} with the limit in front: a call in the last allowed turn is denied and ends the prompt. */
  PermissionHandler guard(PermissionHandler handler) {
    return call -> {
      synchronized (this) {
        if (maxTurns > 0 && turns >= maxTurns) {
          exceeded = true;
          return new PermissionDecision.Deny(message(), RULE, true);
        }
      }
      return handler.decide(call);
    };
  }

  /** Why the prompt stopped, for the model, the log and the annotation. */
  String message() {
    return "max_turns (" + maxTurns + ") reached: hotplex stopped the prompt after " + maxTurns + " model turn"
        + (maxTurns == 1 ? "" : "s") + ". Raise the max_turns input or split the work into smaller prompts.";
  }
}
