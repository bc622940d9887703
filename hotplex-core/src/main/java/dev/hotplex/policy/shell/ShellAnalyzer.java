package dev.hotplex.policy.shell;

import java.util.List;

/**
 * Turns a shell command line into every command it would run, statically, without running anything.
 *
 * <pre>{@code
 * ShellAnalysis analysis = ShellAnalyzer.analyze("a=rm; sudo bash -c \"$a -rf /\"");
 * // invocations: a=rm | sudo bash -c "rm -rf /" | bash -c "rm -rf /" [sudo] | rm -rf / [sudo, bash -c]
 * }</pre>
 *
 * <p>Thread-safe and allocation-light; see the package documentation for the supported subset of bash.
 */
public final class ShellAnalyzer {
  private ShellAnalyzer() {}

  /**
   * Analyses {@code script}. Never throws: malformed or hostile input yields {@link ShellAnalysis#problems()} and
   * unresolved words instead.
   *
   * @param script the command line as the agent sent it (null is treated as empty)
   */
  public static ShellAnalysis analyze(String script) {
    String source = script == null ? "" : script;
    AnalysisSink sink = new AnalysisSink();
    try {
      new ScriptParser(source, sink, Variables.empty(), List.of(), false, 0).parseScript();
    } catch (RuntimeException | StackOverflowError e) {
      // A parser bug must never let a command through as "clean": report it and keep it unresolved.
      sink.problem("analyser failure (" + e.getClass().getSimpleName() + "); command not understood");
      sink.add(new Invocation(List.of(Word.unknown(source)), List.of(), List.of(), false, false));
    }
    return sink.toAnalysis(source);
  }
}
