package dev.hotplex.policy;

import java.util.Objects;

/**
 * The policy's answer to one tool call.
 *
 * @param decision allow, deny or ask
 * @param ruleId the id of the rule that decided, or null when no rule matched
 * @param reason why, in words the model can act on (never contains secret values)
 */
public record PolicyVerdict(Decision decision, String ruleId, String reason) {
  public PolicyVerdict {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
  }
}
