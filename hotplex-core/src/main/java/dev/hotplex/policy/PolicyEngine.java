package dev.hotplex.policy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates tool calls against a {@link Policy} for one workspace. Rules are tried in order; the first matching
 * {@code deny} decides at once, otherwise a matching {@code ask} beats a matching {@code allow}, and a call no
 * rule matches gets the policy's default decision. Thread-safe; matchers are compiled once.
 */
public final class PolicyEngine {
  private final WorkspaceJail jail;
  private final Decision defaultDecision;
  private final List<Rule> rules;
  /** Per rule (same index): exact command names one of which must run, or null (always evaluated). */
  private final List<Set<String>> requiredCommands;

  /**
   * @param policy the rules and path lists
   * @param workspace the jail root
   * @param home what {@code ~} means for the agent
   */
  public PolicyEngine(Policy policy, Path workspace, Path home) {
    Objects.requireNonNull(policy, "policy");
    this.jail = new WorkspaceJail(workspace, home, policy.allowPaths(), policy.readablePaths(),
        policy.secretPaths());
    this.defaultDecision = policy.defaultDecision();
    this.rules = policy.rules();
    this.requiredCommands = rules.stream().map(Rule::requiredCommands).toList();
  }

  /** The jail this engine checks paths with. */
  public WorkspaceJail jail() {
    return jail;
  }

  /** Decides one call without running anything. Never returns null. */
  public PolicyVerdict evaluate(ToolCall call) {
    Objects.requireNonNull(call, "call");
    CallContext ctx = new CallContext(call, jail);
    Set<String> names = new HashSet<>();
    for (CallContext.Step step : ctx.steps) {
      if (step.name != null) {
        names.add(step.name);
      }
    }
    Rule asked = null;
    String askedEvidence = null;
    Rule allowed = null;
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      Set<String> required = requiredCommands.get(i);
      if (required != null && disjoint(required, names)) {
        continue;
      }
      if (rule.decision() == Decision.ASK && asked != null || rule.decision() == Decision.ALLOW && allowed != null) {
        continue;
      }
      String evidence = rule.match(ctx);
      if (evidence == null) {
        continue;
      }
      switch (rule.decision()) {
        case DENY -> {
          return verdict(rule, evidence);
        }
        case ASK -> {
          asked = rule;
          askedEvidence = evidence;
        }
        case ALLOW -> allowed = rule;
      }
    }
    if (asked != null) {
      return verdict(asked, askedEvidence);
    }
    if (allowed != null) {
      return new PolicyVerdict(Decision.ALLOW, allowed.id(), allowed.reason());
    }
    return new PolicyVerdict(defaultDecision, null, "no policy rule matched; the default is "
        + defaultDecision.id());
  }

  private static PolicyVerdict verdict(Rule rule, String evidence) {
    return new PolicyVerdict(rule.decision(), rule.id(), rule.reason() + " [" + evidence + "]");
  }

  private static boolean disjoint(Set<String> required, Set<String> names) {
    for (String name : names) {
      if (required.contains(name)) {
        return false;
      }
    }
    return true;
  }
}
