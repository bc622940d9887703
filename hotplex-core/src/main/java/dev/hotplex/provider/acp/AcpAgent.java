package dev.hotplex.provider.acp;

/**
 * What differs between agents that speak the Agent Client Protocol: the provider id and name used in tool calls and
 * messages, and how a tool call's own tool name is found (ACP names only a title and a kind).
 */
public interface AcpAgent {

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
}
