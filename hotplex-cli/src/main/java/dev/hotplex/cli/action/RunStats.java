package dev.hotplex.cli.action;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.EventListener;
import dev.hotplex.event.EventRenderer;
import dev.hotplex.event.TurnResult;
import dev.hotplex.event.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * What the agent did over the whole action run, collected from the events: each prompt's result, each tool call
 * with its decision, the model and the conversation id. The step summary and the outputs are made from it.
 */
final class RunStats implements EventListener {
  /** Tool calls kept for the summary; later ones are counted, not listed. */
  static final int MAX_RECORDED_CALLS = 500;

  /** One decided tool call. */
  record ToolCall(int prompt, String tool, String input, boolean allowed, String rule, String reason) {}

  private final List<TurnResult> results = new ArrayList<>();
  private final List<ToolCall> calls = new ArrayList<>();
  private int unrecordedCalls;
  private int prompt;
  private String model;
  private String sessionId;

  /** Marks the start of the next prompt. */
  synchronized void startPrompt() {
    prompt++;
  }

  @Override
  public synchronized void onEvent(AgentEvent event) {
    if (event instanceof AgentEvents.Init init) {
      model = init.model() != null ? init.model() : model;
      sessionId = init.agentSessionId() != null ? init.agentSessionId() : sessionId;
    } else if (event instanceof AgentEvents.ToolDecision decision) {
      if (calls.size() < MAX_RECORDED_CALLS) {
        calls.add(new ToolCall(prompt, decision.toolName(), EventRenderer.inputSummary(decision.input()),
            decision.allowed(), decision.rule(), decision.reason()));
      } else {
        unrecordedCalls++;
      }
    } else if (event instanceof TurnResult result) {
      results.add(result);
      sessionId = result.agentSessionId() != null ? result.agentSessionId() : sessionId;
    }
  }

  synchronized List<TurnResult> results() {
    return List.copyOf(results);
  }

  synchronized List<ToolCall> calls() {
    return List.copyOf(calls);
  }

  /** Decided calls beyond {@link #MAX_RECORDED_CALLS}. */
  synchronized int unrecordedCalls() {
    return unrecordedCalls;
  }

  synchronized String model() {
    return model;
  }

  synchronized String sessionId() {
    return sessionId;
  }

  /** The last prompt's final answer, or empty. */
  synchronized String lastText() {
    return results.isEmpty() || results.get(results.size() - 1).text() == null ? ""
        : results.get(results.size() - 1).text();
  }

  synchronized int prompts() {
    return results.size();
  }

  synchronized int modelTurns() {
    return results.stream().mapToInt(TurnResult::numTurns).sum();
  }

  synchronized int toolCalls() {
    return results.stream().mapToInt(TurnResult::toolCalls).sum();
  }

  synchronized int denied() {
    return results.stream().mapToInt(result -> result.permissionDenials().size()).sum();
  }

  synchronized double costUsd() {
    return results.stream().mapToDouble(TurnResult::costUsd).sum();
  }

  synchronized long durationMs() {
    return results.stream().mapToLong(TurnResult::durationMs).sum();
  }

  synchronized Usage usage() {
    return results.stream().map(TurnResult::usage).reduce(Usage.ZERO, Usage::plus);
  }
}
