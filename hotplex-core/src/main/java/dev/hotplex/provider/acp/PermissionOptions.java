package dev.hotplex.provider.acp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;

/**
 * Turns hotplex's decision on a tool call into one of the options the agent offered. Only the one-time options are
 * ever picked: {@code allow_always} would let the agent run later calls without asking hotplex.
 */
final class PermissionOptions {
  static final String ALLOW_ONCE = "allow_once";
  static final String REJECT_ONCE = "reject_once";
  static final String REJECT_ALWAYS = "reject_always";

  /**
   * The answer to send.
   *
   * @param optionId the option to select, or null to answer {@code cancelled}
   * @param interrupt whether the turn must stop as well
   * @param warning an error event to report, or null
   */
  record Choice(String optionId, boolean interrupt, String warning) {}

  private PermissionOptions() {}

  static Choice choose(AcpAgent agent, JsonNode options, ToolCall call, PermissionDecision answer,
      Throwable failure) {
    if (failure != null || answer == null) {
      // A broken policy never lets a call through.
      return reject(options, false, "hotplex could not decide on " + agent.displayName() + " tool call "
          + call.toolUseId() + " (" + (failure == null ? "no decision" : failure.getClass().getSimpleName() + ": "
          + failure.getMessage()) + "), so it was rejected.");
    }
    if (answer instanceof PermissionDecision.Deny deny) {
      return reject(options, deny.interrupt(), null);
    }
    PermissionDecision.Allow allow = (PermissionDecision.Allow) answer;
    if (allow.updatedInput() != null && !allow.updatedInput().equals(call.input())) {
      return reject(options, false, "The policy allowed " + agent.displayName() + " tool call " + call.toolUseId()
          + " only with a rewritten input, which the Agent Client Protocol cannot pass on, so it was rejected.");
    }
    String allowOnce = optionOfKind(options, ALLOW_ONCE);
    if (allowOnce == null) {
      return reject(options, false, agent.displayName() + " offered no allow_once option for tool call "
          + call.toolUseId() + ", so hotplex rejected it rather than allow it for good.");
    }
    return new Choice(allowOnce, false, null);
  }

  private static Choice reject(JsonNode options, boolean interrupt, String warning) {
    String option = optionOfKind(options, REJECT_ONCE);
    if (option == null) {
      option = optionOfKind(options, REJECT_ALWAYS);
    }
    return new Choice(option, interrupt, warning);
  }

  private static String optionOfKind(JsonNode options, String kind) {
    for (JsonNode option : options) {
      if (kind.equals(option.path("kind").asText())) {
        return AcpWire.textOrNull(option, "optionId");
      }
    }
    return null;
  }
}
