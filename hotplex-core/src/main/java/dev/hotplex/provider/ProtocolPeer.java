package dev.hotplex.provider;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import java.util.concurrent.CompletionStage;

/**
 * What the engine offers a provider's protocol: a way to write to the agent, to report events, to end the turn,
 * and to ask the permission handler. The engine implements it once per session; tests implement it in memory.
 */
public interface ProtocolPeer {

  /** Writes one line (one JSON message, without the newline) to the agent's input. */
  void send(String line);

  /** Reports a normalized event of the current turn. */
  void emit(AgentEvent event);

  /**
   * Ends the current turn with the agent's own result. Called exactly once per turn, when the provider's end
   * marker arrives (Claude: {@code result}). Do not emit the result separately: the engine emits it.
   */
  void turnCompleted(TurnResult result);

  /**
   * Asks the permission handler about a tool call. The engine runs the handler off the reader thread, emits the
   * {@code tool_decision} event, and always completes the stage: a handler that throws becomes a deny.
   */
  CompletionStage<PermissionDecision> requestPermission(ToolCall call);

  /**
   * {@code text} with the session's secrets masked, for a protocol that quotes agent output in a shortened form:
   * mask first, then shorten, or a cut could leave part of a secret the engine's masking no longer recognises.
   * Default: unchanged (a peer without secrets).
   */
  default String mask(String text) {
    return text;
  }
}
