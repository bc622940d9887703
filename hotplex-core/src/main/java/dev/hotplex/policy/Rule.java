package dev.hotplex.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled policy rule: it matches when any of its alternatives matches.
 *
 * @param id stable id, e.g. {@code destroy.outside-workspace}
 * @param category what kind of harm it prevents, e.g. {@code destruction}
 * @param decision what applies when it matches
 * @param reason what the model is told, including what it may do instead
 * @param alternatives compiled {@code match} entries
 */
record Rule(String id, String category, Decision decision, String reason, List<RuleMatcher> alternatives) {

  /** Exact command names one of which must run for this rule to match, or null when unknown. */
  Set<String> requiredCommands() {
    Set<String> names = new HashSet<>();
    for (RuleMatcher alternative : alternatives) {
      Set<String> required = alternative.requiredCommands();
      if (required == null) {
        return null;
      }
      names.addAll(required);
    }
    return names;
  }

  /** Evidence that the rule matches, or null. */
  String match(CallContext ctx) {
    for (int i = 0; i < alternatives.size(); i++) { // indexed: this runs for every rule of every call
      String evidence = alternatives.get(i).match(ctx);
      if (evidence != null) {
        return evidence;
      }
    }
    return null;
  }
}
