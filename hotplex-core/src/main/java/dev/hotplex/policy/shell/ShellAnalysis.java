package dev.hotplex.policy.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@link ShellAnalyzer#analyze(String)}.
 *
 * @param source the analysed script, unchanged
 * @param invocations every simple command anywhere in the script, flat, in the order the analyser met them: commands
 *     inside substitutions come before the command whose words contain them, and the commands found inside a wrapper
 *     ({@code sudo}, {@code bash -c}, {@code find -exec}, {@code python -c}, ...) come right after the wrapper
 * @param pipelines every pipeline of two or more stages, including pipelines inside nested scripts
 * @param problems why parts of the script could not be analysed exactly (syntax errors, depth limits, dynamic
 *     code); empty for a clean parse
 */
public record ShellAnalysis(String source, List<Invocation> invocations, List<Pipeline> pipelines,
    List<String> problems) {

  public ShellAnalysis {
    invocations = List.copyOf(invocations);
    pipelines = List.copyOf(pipelines);
    problems = List.copyOf(problems);
  }

  /** True when there are no problems and every word and redirect target of every invocation is resolved. */
  public boolean fullyResolved() {
    if (!problems.isEmpty()) {
      return false;
    }
    for (Invocation invocation : invocations) {
      if (!invocation.fullyResolved()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The shells and interpreters that execute whatever arrives on a pipe or an unknown stdin, as in
   * {@code curl http://x | bash}, {@code echo cm0= | base64 -d | sudo sh} or {@code bash < <(curl x)}: invocations
   * that {@link Invocation#readsScriptFromStdin() read their program from stdin} and are either a later stage of a
   * pipeline (or a command found inside such a stage's wrappers) or have an unresolved {@code <} redirect.
   */
  public List<Invocation> scriptsReadFromPipe() {
    List<Invocation> result = new ArrayList<>();
    for (int i = 0; i < invocations.size(); i++) {
      Invocation invocation = invocations.get(i);
      if (invocation.readsScriptFromStdin() && (hasUnknownStdin(invocation) || isLaterStageOrInside(i))) {
        result.add(invocation);
      }
    }
    return result;
  }

  private static boolean hasUnknownStdin(Invocation invocation) {
    for (Redirect redirect : invocation.redirects()) {
      if (redirect.operator().equals("<") && redirect.fd() == 0 && !redirect.target().resolved()) {
        return true;
      }
    }
    return false;
  }

  /** Derived invocations follow their wrapper with a longer wrapper chain (see {@link #invocations()}). */
  private boolean isLaterStageOrInside(int index) {
    Invocation self = invocations.get(index);
    if (isLaterStage(self)) {
      return true;
    }
    int chain = self.wrapperChain().size();
    for (int i = index - 1; i >= 0 && chain > 0; i--) {
      Invocation candidate = invocations.get(i);
      if (candidate.wrapperChain().size() < chain) {
        if (isLaterStage(candidate)) {
          return true;
        }
        chain = candidate.wrapperChain().size();
      }
    }
    return false;
  }

  private boolean isLaterStage(Invocation invocation) {
    for (Pipeline pipeline : pipelines) {
      List<Invocation> stages = pipeline.stages();
      for (int s = 1; s < stages.size(); s++) {
        if (stages.get(s) == invocation) {
          return true;
        }
      }
    }
    return false;
  }
}
