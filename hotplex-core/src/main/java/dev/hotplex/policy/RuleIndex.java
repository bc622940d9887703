package dev.hotplex.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which {@code match} alternatives of a policy's rules can match a call, by the commands it runs. An alternative that
 * names exact {@code commands} can only match a call that runs one of them, so a call is tried only against those
 * alternatives and the ones that need no particular command. The shipped policy has about a hundred alternatives and
 * most name commands: a call running {@code npm} tries one of the sixteen of {@code publish.package}, not all.
 */
final class RuleIndex {
  /** Rule {@code i} owns the alternatives numbered {@code first[i]} up to {@code first[i + 1]}. */
  private final int[] first;
  /** Per alternative: true when it may match whatever commands run. */
  private final boolean[] alwaysTried;
  /** Command name to the alternatives that need it. */
  private final Map<String, int[]> byCommand;

  RuleIndex(List<Rule> rules) {
    first = new int[rules.size() + 1];
    List<Boolean> always = new ArrayList<>();
    Map<String, List<Integer>> needing = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      first[i] = always.size();
      for (RuleMatcher alternative : rules.get(i).alternatives()) {
        Set<String> required = alternative.requiredCommands();
        if (required != null) {
          for (String command : required) {
            needing.computeIfAbsent(command, c -> new ArrayList<>()).add(always.size());
          }
        }
        always.add(required == null);
      }
    }
    first[rules.size()] = always.size();
    alwaysTried = new boolean[always.size()];
    for (int a = 0; a < alwaysTried.length; a++) {
      alwaysTried[a] = always.get(a);
    }
    byCommand = new HashMap<>();
    needing.forEach((command, alternatives) -> byCommand.put(command,
        alternatives.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** The alternatives worth trying for this call, by number (see {@link #first}). */
  boolean[] candidates(CallContext ctx) {
    boolean[] tried = alwaysTried.clone();
    for (CallContext.Step step : ctx.steps) {
      int[] alternatives = step.name == null ? null : byCommand.get(step.name);
      if (alternatives != null) {
        for (int alternative : alternatives) {
          tried[alternative] = true;
        }
      }
    }
    return tried;
  }

  /** Evidence that rule {@code index} matches through one of its candidate alternatives, or null. */
  String match(Rule rule, int index, boolean[] candidates, CallContext ctx) {
    List<RuleMatcher> alternatives = rule.alternatives();
    for (int a = 0; a < alternatives.size(); a++) {
      if (candidates[first[index] + a]) {
        String evidence = alternatives.get(a).match(ctx);
        if (evidence != null) {
          return evidence;
        }
      }
    }
    return null;
  }
}
