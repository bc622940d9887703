package dev.hotplex.policy;

import java.util.List;

/**
 * The default {@link PermissionHandler}: a disallowed pattern always denies; otherwise an allowed pattern allows;
 * everything else is denied with a message that names the setting to change.
 */
public final class AllowedToolsHandler implements PermissionHandler {
  public static final String RULE_DISALLOWED = "tools.disallowed";
  public static final String RULE_ALLOWED = "tools.allowed";
  public static final String RULE_NOT_ALLOWED = "tools.not-allowed";

  private final List<ToolPattern> allowed;
  private final List<ToolPattern> disallowed;
  /** The answer for each allowed pattern (same index), made once: every allowed call returns one of them. */
  private final List<PermissionDecision> allowedBy;

  public AllowedToolsHandler(List<ToolPattern> allowed, List<ToolPattern> disallowed) {
    this.allowed = List.copyOf(allowed);
    this.disallowed = List.copyOf(disallowed);
    this.allowedBy = this.allowed.stream()
        .map(pattern -> PermissionDecision.allow(RULE_ALLOWED, "allowed by '" + pattern + "'")).toList();
  }

  @Override
  public PermissionDecision decide(ToolCall call) {
    for (ToolPattern pattern : disallowed) {
      if (pattern.matches(call)) {
        return PermissionDecision.deny(RULE_DISALLOWED,
            "Tool call " + describe(call) + " is disallowed by the pattern '" + pattern + "'.");
      }
    }
    for (int i = 0; i < allowed.size(); i++) {
      if (allowed.get(i).matches(call)) {
        return allowedBy.get(i);
      }
    }
    return PermissionDecision.deny(RULE_NOT_ALLOWED, "Tool call " + describe(call)
        + " is not in the allowed tools " + allowed + ". Add a matching pattern to allowedTools to permit it.");
  }

  static String describe(ToolCall call) {
    if (call.command() != null) {
      return call.toolName() + "(" + call.command() + ")";
    }
    if (!call.paths().isEmpty()) {
      return call.toolName() + "(" + String.join(", ", call.paths()) + ")";
    }
    return call.toolName();
  }
}
