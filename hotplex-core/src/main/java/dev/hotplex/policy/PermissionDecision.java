package dev.hotplex.policy;

import com.fasterxml.jackson.databind.JsonNode;

/** The one typed answer every tool call gets. */
public sealed interface PermissionDecision permits PermissionDecision.Allow, PermissionDecision.Deny {

  /** The rule that decided, or null. */
  String rule();

  /** Why, in words the model and the user can read. */
  String reason();

  /** Run the tool, with {@code updatedInput} when it is not null (the input may be rewritten). */
  record Allow(JsonNode updatedInput, String rule, String reason) implements PermissionDecision {}

  /**
   * Do not run the tool; the model is told {@code reason}. With {@code interrupt} the whole turn stops as well.
   */
  record Deny(String reason, String rule, boolean interrupt) implements PermissionDecision {}

  static PermissionDecision allow() {
    return new Allow(null, null, null);
  }

  static PermissionDecision allow(String rule, String reason) {
    return new Allow(null, rule, reason);
  }

  static PermissionDecision deny(String rule, String reason) {
    return new Deny(reason, rule, false);
  }
}
