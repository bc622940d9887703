package dev.hotplex.policy.shell;

import java.util.ArrayList;
import java.util.List;

/** Collects the flat results of one analysis, bounded so that hostile input cannot exhaust memory. */
final class AnalysisSink {
  /**
   * Most invocations one analysis records (default 10000, system property {@code hotplex.shell.maxInvocations});
   * beyond it the rest of the script is reported as a problem, not analysed.
   */
  static final int MAX_INVOCATIONS = Integer.getInteger("hotplex.shell.maxInvocations", 10_000);
  private static final int MAX_PROBLEMS = 50;

  final List<Invocation> invocations = new ArrayList<>();
  final List<Pipeline> pipelines = new ArrayList<>(2);
  final List<String> problems = new ArrayList<>(2);
  private boolean full;

  boolean full() {
    return full;
  }

  void add(Invocation invocation) {
    if (invocations.size() >= MAX_INVOCATIONS) {
      if (!full) {
        full = true;
        problem("more than " + MAX_INVOCATIONS + " commands; the rest was not analysed");
      }
      return;
    }
    invocations.add(invocation);
  }

  void problem(String problem) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(problem);
    } else if (problems.size() == MAX_PROBLEMS) {
      problems.add("further problems omitted");
    }
  }

  /** Marks everything recorded since {@code from} as running in the background; returns the stages, updated. */
  List<Invocation> markBackground(int from, List<Invocation> stages) {
    List<Invocation> updated = new ArrayList<>(stages);
    for (int i = from; i < invocations.size(); i++) {
      Invocation before = invocations.get(i);
      Invocation after = before.inBackground();
      invocations.set(i, after);
      for (int s = 0; s < updated.size(); s++) {
        if (updated.get(s) == before) {
          updated.set(s, after);
        }
      }
    }
    return updated;
  }

  ShellAnalysis toAnalysis(String source) {
    return new ShellAnalysis(source, invocations, pipelines, problems);
  }
}
