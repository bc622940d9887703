package dev.hotplex.policy.shell;

import java.util.List;

/** TEMPORARY copy of the h-shell API signature; replaced by the real analyser at merge. */
public record ShellAnalysis(String source, List<Invocation> invocations, List<Pipeline> pipelines,
    List<String> problems) {
  public boolean fullyResolved() {
    return problems.isEmpty() && invocations.stream().allMatch(i -> i.words().stream().allMatch(Word::resolved));
  }
}
