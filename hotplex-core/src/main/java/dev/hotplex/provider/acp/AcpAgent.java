package dev.hotplex.provider.acp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.provider.AgentProvider;
import java.nio.file.Path;
import java.util.Map;

/**
 * What differs between agents that speak the Agent Client Protocol: the provider id and name used in tool calls and
 * messages, how a tool call's own tool name is found (ACP names only a title and a kind), and which kind each of its
 * tools has.
 */
public interface AcpAgent extends AgentProvider {

  /** The provider id, e.g. {@code opencode}; becomes {@code ToolCall.provider}. */
  String providerId();

  /** The agent's name for messages, e.g. {@code OpenCode}. */
  String displayName();

  /**
   * The agent's own name of a tool. Default: the title of the call's first {@code tool_call} announcement (OpenCode
   * announces {@code "bash"} there before it retitles the call with the command), else the ACP kind.
   *
   * @param toolCallId the call's id
   * @param announcedTitle the title of the first {@code tool_call} update, or null if none came
   * @param kind the ACP tool kind ({@code execute}, {@code edit}, ...), or null
   */
  default String toolName(String toolCallId, String announcedTitle, String kind) {
    return announcedTitle != null ? announcedTitle : kind;
  }

  /**
   * Whether the agent ends its turn when a tool call is rejected, without telling the model why. hotplex then fails
   * the turn: the agent stopped working, and a turn that ended so must not pass as a success. Default: false.
   */
  default boolean endsTurnOnRejection() {
    return false;
  }

  /**
   * Every tool of the agent by its own name, with the ACP kind the agent reports for it ({@code execute},
   * {@code read}, {@code edit}, {@code search}, {@code fetch}, {@code think}, {@code other}), so that
   * {@code hotplex policy check} can judge a call written by tool name as the agent's permission request would be.
   */
  Map<String, String> toolKinds();

  /**
   * One of this agent's calls given by its tool name and raw input, normalized as the agent's permission request for
   * it would be.
   *
   * @throws IllegalArgumentException when the agent has no tool of that name (the message lists its tools)
   */
  @Override
  default ToolCall toolCall(String toolName, JsonNode input, Path cwd) {
    return AcpTools.byName(this, toolName, input, cwd);
  }

  /** The tool of kind {@code execute} in {@link #toolKinds()}. */
  @Override
  default String shellToolName() {
    return AcpTools.shellTool(toolKinds());
  }
}
