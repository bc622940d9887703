package dev.hotplex.event;

import java.util.List;

/**
 * How a turn ended. Serialized as the {@code {"type":"result", ...}} event that closes every turn.
 *
 * <p>{@code isError} is the truth: Claude Code reports an unreachable model API with {@code subtype:"success"}
 * and {@code is_error:true}, and hotplex reports a dead process, a timeout or a protocol failure the same way,
 * with {@code errorMessage} saying what happened and what to do. A turn is a success only if {@code isError} is
 * false.
 *
 * @param text the final assistant text
 * @param subtype the agent's own subtype ({@code success}, {@code error_during_execution}, ...) or hotplex's
 *     ({@code error_process_exited}, {@code error_timeout}, {@code error_cancelled}, {@code error_protocol})
 * @param agentSessionId the CLI's conversation id, used to resume
 * @param durationMs wall time from send to result, measured by hotplex
 * @param numTurns model round trips in this turn
 * @param toolCalls tool calls the model asked for in this turn
 * @param errorMessage null on success; otherwise a sentence for a human
 */
public record TurnResult(
    String text,
    boolean isError,
    String subtype,
    String agentSessionId,
    Usage usage,
    double costUsd,
    long durationMs,
    long durationApiMs,
    int numTurns,
    int toolCalls,
    List<PermissionDenial> permissionDenials,
    String stopReason,
    String terminalReason,
    String errorMessage) implements AgentEvent {

  public TurnResult {
    usage = usage == null ? Usage.ZERO : usage;
    permissionDenials = permissionDenials == null ? List.of() : List.copyOf(permissionDenials);
  }

  public boolean success() {
    return !isError;
  }

  /** A failed turn that hotplex itself ends (process died, timeout, cancel, protocol error). */
  public static TurnResult failure(String subtype, String errorMessage, String agentSessionId, long durationMs,
      int toolCalls, List<PermissionDenial> denials) {
    return new TurnResult("", true, subtype, agentSessionId, Usage.ZERO, 0, durationMs, 0, 0, toolCalls, denials,
        null, null, errorMessage);
  }

  /**
   * The same result with hotplex's own wall time and tool call count, and with the denials hotplex decided merged
   * into the agent's own list (the agent also lists calls its own settings refused, which hotplex never saw).
   * A call in both lists appears once, with hotplex's rule and reason.
   */
  public TurnResult withEngineFacts(long measuredDurationMs, int countedToolCalls, List<PermissionDenial> denials) {
    java.util.Map<String, PermissionDenial> merged = new java.util.LinkedHashMap<>();
    int anonymous = 0;
    for (PermissionDenial denial : permissionDenials) {
      merged.put(denial.toolUseId() != null ? denial.toolUseId() : "#" + anonymous++, denial);
    }
    for (PermissionDenial denial : denials) {
      merged.put(denial.toolUseId() != null ? denial.toolUseId() : "#" + anonymous++, denial);
    }
    return new TurnResult(text, isError, subtype, agentSessionId, usage, costUsd, measuredDurationMs,
        durationApiMs, numTurns, countedToolCalls, List.copyOf(merged.values()), stopReason, terminalReason,
        errorMessage);
  }

  /** The same result with another error message (e.g. with secrets masked). */
  public TurnResult withErrorMessage(String message) {
    return new TurnResult(text, isError, subtype, agentSessionId, usage, costUsd, durationMs, durationApiMs,
        numTurns, toolCalls, permissionDenials, stopReason, terminalReason, message);
  }
}
