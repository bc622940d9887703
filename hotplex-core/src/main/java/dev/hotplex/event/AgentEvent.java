package dev.hotplex.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One normalized event of a turn, the same for every provider.
 *
 * <p>Events are immutable records. Serialized with Jackson they carry a {@code "type"} discriminator
 * ({@code init}, {@code text}, {@code text_delta}, {@code thinking}, {@code tool_use}, {@code tool_decision},
 * {@code tool_result}, {@code error}, {@code raw}, {@code result}), so the CLI's NDJSON output, the daemon's
 * event log and the Jenkins log all read the same shape. A turn always ends with exactly one {@link TurnResult}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = AgentEvents.Init.class, name = "init"),
  @JsonSubTypes.Type(value = AgentEvents.Text.class, name = "text"),
  @JsonSubTypes.Type(value = AgentEvents.TextDelta.class, name = "text_delta"),
  @JsonSubTypes.Type(value = AgentEvents.Thinking.class, name = "thinking"),
  @JsonSubTypes.Type(value = AgentEvents.ToolUse.class, name = "tool_use"),
  @JsonSubTypes.Type(value = AgentEvents.ToolDecision.class, name = "tool_decision"),
  @JsonSubTypes.Type(value = AgentEvents.ToolResult.class, name = "tool_result"),
  @JsonSubTypes.Type(value = AgentEvents.Error.class, name = "error"),
  @JsonSubTypes.Type(value = AgentEvents.Raw.class, name = "raw"),
  @JsonSubTypes.Type(value = TurnResult.class, name = "result"),
})
public sealed interface AgentEvent permits AgentEvents.Init, AgentEvents.Text, AgentEvents.TextDelta,
    AgentEvents.Thinking, AgentEvents.ToolUse, AgentEvents.ToolDecision, AgentEvents.ToolResult,
    AgentEvents.Error, AgentEvents.Raw, TurnResult {}
