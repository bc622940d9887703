package dev.hotplex.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The event records of {@link AgentEvent}, apart from {@link TurnResult}. */
public final class AgentEvents {
  private AgentEvents() {}

  /** The agent started (or resumed) its conversation for this turn. */
  public record Init(String agentSessionId, String model, String cwd, List<String> tools,
      String permissionMode) implements AgentEvent {}

  /** A complete block of assistant text. */
  public record Text(String text) implements AgentEvent {}

  /** A fragment of assistant text while it streams (only when partial messages are on). */
  public record TextDelta(String text) implements AgentEvent {}

  /** A block of the model's visible reasoning. */
  public record Thinking(String text) implements AgentEvent {}

  /** The model asked to call a tool. */
  public record ToolUse(String toolUseId, String toolName, JsonNode input) implements AgentEvent {}

  /**
   * The host's answer to a tool call: {@code decision} is {@code allow} or {@code deny}; {@code rule} names the
   * policy rule that decided (null for the default handler), {@code reason} is what the model is told on deny.
   */
  public record ToolDecision(String toolUseId, String toolName, String decision, String rule, String reason,
      JsonNode input) implements AgentEvent {

    public boolean allowed() {
      return "allow".equals(decision);
    }
  }

  /** What a tool call returned to the model. */
  public record ToolResult(String toolUseId, String content, boolean isError) implements AgentEvent {}

  /** Something went wrong that the turn survives or that explains its failure (bad line, stderr, protocol). */
  public record Error(String message) implements AgentEvent {}

  /** A provider message hotplex does not model; kept, never dropped. */
  public record Raw(String rawType, JsonNode json) implements AgentEvent {}
}
