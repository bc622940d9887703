package dev.hotplex.policy.shell;

import java.util.ArrayList;
import java.util.List;

/** Reports the commands one wrapper invocation runs, one nesting level below it. */
final class Inner {
  private static final Word REST_OF_INPUT = Word.unknown("the rest of its input");
  private final Invocation outer;
  private final ScriptParser parser;
  private final int depth;

  Inner(Invocation outer, ScriptParser parser, int depth) {
    this.outer = outer;
    this.parser = parser;
    this.depth = depth;
  }

  /** The wrapped command is {@code args[start..]}, e.g. {@code rm -rf /} in {@code sudo -u root rm -rf /}. */
  void command(String wrapper, List<Word> args, int start) {
    if (start < args.size()) {
      words(wrapper, args.subList(start, args.size()));
    }
  }

  /** The wrapped command has exactly these words; it inherits the wrapper's redirects. */
  void words(String wrapper, List<Word> words) {
    words(wrapper, words, outer.redirects());
  }

  /** A command run by interpreter code: it has none of the interpreter's redirects. */
  void words(String wrapper, List<Word> words, List<Redirect> redirects) {
    if (words.isEmpty()) {
      return;
    }
    List<String> chain = chain(wrapper);
    if (depth + 1 > ScriptParser.MAX_DEPTH) {
      parser.problem("wrappers nested deeper than " + ScriptParser.MAX_DEPTH + " levels; not analysed");
      parser.sink.add(new Invocation(List.of(Word.unknown(Wrappers.join(words, 0).text())), List.of(), chain,
          false, outer.inSubstitution()));
      return;
    }
    Invocation invocation = new Invocation(words, redirects, chain, false, outer.inSubstitution());
    parser.sink.add(invocation);
    Wrappers.expand(invocation, parser, depth + 1);
  }

  /**
   * The wrapper runs {@code script} as shell code ({@code bash -c}, {@code eval}, {@code ssh host CMD}). When the
   * script is not fully known it is still parsed for visibility, and an unresolved command is added because its
   * runtime text may differ from the rendering (e.g. inside quotes).
   *
   * @param sharesVariables whether the script runs in the current shell ({@code eval}), so its assignments count
   */
  void script(String wrapper, Word script, boolean sharesVariables) {
    script(wrapper, script, sharesVariables, List.of());
  }

  /** A new shell runs {@code script} with positional parameters {@code $0 $1 ...} taken from {@code operands}. */
  void script(String wrapper, Word script, List<Word> operands) {
    script(wrapper, script, false, operands);
  }

  private void script(String wrapper, Word script, boolean sharesVariables, List<Word> operands) {
    List<String> chain = chain(wrapper);
    Variables variables = sharesVariables ? parser.vars : parser.vars.child();
    for (int i = 0; i < operands.size() && i < 10; i++) {
      if (operands.get(i).resolved()) {
        variables.set(String.valueOf(i), operands.get(i).text());
      }
    }
    ScriptParser nested = parser.nestedAt(script.text(), variables, chain, outer.inSubstitution(), depth + 1);
    if (sharesVariables) {
      nested.conditionalDepth = 1;
    }
    nested.parseScript();
    if (!script.resolved()) {
      if (sharesVariables) {
        parser.vars.forgetAll();
      }
      unknown(wrapper, script.text(), wrapper + " runs code that is only known at run time");
    }
  }

  /** Reports a command that cannot be known statically, as an invocation with one unresolved word. */
  void unknown(String wrapper, String rendering, String problem) {
    parser.problem(problem);
    parser.sink.add(new Invocation(List.of(Word.unknown(rendering)), List.of(), chain(wrapper), false,
        outer.inSubstitution()));
  }

  int depth() {
    return depth;
  }

  /** What the wrapper reads from a pipe (see {@link ScriptParser#pipedStdin}), or null when stdin is no pipe. */
  Word pipedStdin() {
    return parser.pipedStdin;
  }

  /**
   * Runs {@code analysis} of a program the wrapper read from its stdin: the commands that program starts read the
   * rest of that stream, which is not known.
   */
  void withStdinConsumed(Runnable analysis) {
    Word outer = parser.pipedStdin;
    parser.pipedStdin = REST_OF_INPUT;
    try {
      analysis.run();
    } finally {
      parser.pipedStdin = outer;
    }
  }

  private List<String> chain(String wrapper) {
    List<String> chain = new ArrayList<>(outer.wrapperChain().size() + 1);
    chain.addAll(outer.wrapperChain());
    chain.add(wrapper);
    return chain;
  }
}
