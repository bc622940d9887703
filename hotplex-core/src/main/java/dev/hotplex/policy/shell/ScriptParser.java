package dev.hotplex.policy.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for the bash subset agents emit. It does not build a tree: every simple command is
 * reported to the {@link AnalysisSink} as soon as it is complete (so variables assigned earlier are known), then
 * handed to {@link Wrappers} to analyse the commands it runs. Compound commands ({@code if}, {@code while},
 * {@code for}, {@code case}) are followed structurally only as far as needed to find their commands.
 */
final class ScriptParser {
  /**
   * How deep subshells, groups, substitutions and wrappers may nest (default 32, system property
   * {@code hotplex.shell.maxDepth}); deeper input is reported as a problem and an unresolved command.
   */
  static final int MAX_DEPTH = Integer.getInteger("hotplex.shell.maxDepth", 32);

  static final int END_EOF = 0;
  static final int END_PAREN = 1;
  static final int END_BRACE = 2;
  static final int END_CASE_ARM = 3;
  static final int END_ESAC = 4;

  final String src;
  final int end;
  int pos;
  final AnalysisSink sink;
  Variables vars;
  List<String> chain;
  boolean inSubstitution;
  int depth;
  /** Above zero inside loops, conditionals, function bodies and eval: assignments there are not certain. */
  int conditionalDepth;
  /** Where the parser resumes after the newline that precedes pending here-document bodies. */
  int hereDocEnd;
  /**
   * What the command being parsed reads from a pipe: null when its stdin is not a pipe, a resolved word when the
   * piped text is known ({@code echo ls | sh}), else an unresolved word naming where it comes from. Every command
   * of a compound stage, of a substitution inside it and of a script it runs inherits it.
   */
  Word pipedStdin;
  private int pendingEnd = -1;
  private final WordReader reader;
  private final CommandParser commands;

  ScriptParser(String src, AnalysisSink sink, Variables vars, List<String> chain, boolean inSubstitution,
      int depth) {
    this.src = src;
    this.end = src.length();
    this.sink = sink;
    this.vars = vars;
    this.chain = chain;
    this.inSubstitution = inSubstitution;
    this.depth = depth;
    this.reader = new WordReader(this);
    this.commands = new CommandParser(this, reader);
  }

  /** Parses the whole source; a stray {@code )} is reported and skipped. */
  void parseScript() {
    while (pos < end) {
      if (parseList(END_EOF) == END_PAREN && pos < end) {
        problem("unexpected ')'");
        pos++;
      }
    }
  }

  /**
   * Parses commands separated by {@code ; & && || newline} until the end of input, a {@code )} (not consumed), or
   * the terminator of {@code mode} ({@code }} for groups, {@code ;;} or {@code esac} for case arms, consumed).
   */
  int parseList(int mode) {
    boolean conditional = false;
    while (true) {
      if (sink.full()) {
        pos = end;
        return END_EOF;
      }
      skipBlanksNewlinesAndComments();
      if (pos >= end) {
        return END_EOF;
      }
      char c = src.charAt(pos);
      if (c == ')') {
        return END_PAREN;
      }
      if (c == ';' || c == '&' || c == '|') {
        if (atCaseArmEnd(mode)) {
          pos += 2;
          if (pos < end && src.charAt(pos) == '&') {
            pos++;
          }
          return END_CASE_ARM;
        }
        problem("unexpected '" + c + "'");
        pos++;
        conditional = false;
        continue;
      }
      int firstInvocation = sink.invocations.size();
      int assignments = vars.mark();
      List<Invocation> stages = new ArrayList<>(1);
      List<VariableEffects.Effect> effects = new ArrayList<>(0);
      parsePipeline(mode, stages, effects);
      if (pendingEnd >= 0) {
        int ending = pendingEnd;
        pendingEnd = -1;
        return ending;
      }
      skipBlanks();
      boolean background = false;
      boolean nextConditional = conditional;
      if (pos < end) {
        char s = src.charAt(pos);
        if ((s == '&' && peek(1) == '&') || (s == '|' && peek(1) == '|')) {
          pos += 2;
          nextConditional = true;
        } else if (s == '&') {
          pos++;
          background = true;
          nextConditional = false;
        } else if (s == ';' && !atCaseArmEnd(mode)) {
          pos++;
          nextConditional = false;
        } else if (s == '\n') {
          consumeNewline();
          nextConditional = false;
        }
      }
      if (background) {
        stages = sink.markBackground(firstInvocation, stages);
      }
      if (stages.size() > 1) {
        sink.pipelines.add(new Pipeline(stages));
      }
      boolean certain = !conditional && conditionalDepth == 0 && stages.size() <= 1 && !background;
      VariableEffects.apply(vars, effects, certain);
      if (!certain) {
        vars.forgetSince(assignments); // e.g. false && { a=ls; }: the group's assignments may not have happened
      }
      conditional = nextConditional;
    }
  }

  /** {@code ;;}, {@code ;&} or {@code ;;&} ending a case arm. */
  private boolean atCaseArmEnd(int mode) {
    return mode == END_CASE_ARM && pos < end && src.charAt(pos) == ';' && (peek(1) == ';' || peek(1) == '&');
  }

  private void parsePipeline(int mode, List<Invocation> stages, List<VariableEffects.Effect> effects) {
    Word outerStdin = pipedStdin; // the first stage reads what the enclosing command reads
    try {
      while (true) {
        int before = sink.invocations.size();
        Invocation simple = commands.parseCommand(mode, effects);
        if (pendingEnd >= 0) {
          return;
        }
        Invocation stage = simple != null ? simple : firstOwnInvocation(before);
        if (stage != null) {
          stages.add(stage);
        }
        skipBlanks();
        if (pos < end && src.charAt(pos) == '|' && peek(1) != '|') {
          pos += peek(1) == '&' ? 2 : 1;
          pipedStdin = PipedText.output(simple, pipedStdin);
          skipBlanksNewlinesAndComments();
        } else {
          return;
        }
      }
    } finally {
      pipedStdin = outerStdin;
    }
  }

  /** For a compound pipeline stage such as {@code ( bash )}: its first command at this level. */
  private Invocation firstOwnInvocation(int from) {
    for (int i = from; i < sink.invocations.size(); i++) {
      Invocation candidate = sink.invocations.get(i);
      if (candidate.inSubstitution() == inSubstitution && candidate.wrapperChain().size() == chain.size()) {
        return candidate;
      }
    }
    return null;
  }

  /** Expands this parser's whole source as an unquoted-delimiter here-document body. */
  Word expandHereDoc() {
    return pos >= end && end > 0 ? Word.unknown(src) : reader.readHereDocBody();
  }

  /** Ends the current list at a reserved word ({@code }} or {@code esac}). */
  void endListWith(int ending) {
    pendingEnd = ending;
  }

  /** Parses {@code ( list )}, {@code { list; }} or a case arm one level deeper; returns how it ended. */
  int parseNestedList(int mode, boolean subshell) {
    if (!enterNesting()) {
      return END_EOF;
    }
    Variables outer = vars;
    int outerConditional = conditionalDepth;
    if (subshell) {
      vars = vars.child();
    }
    try {
      return parseList(mode);
    } finally {
      vars = outer;
      conditionalDepth = outerConditional;
      depth--;
    }
  }

  /**
   * Parses the list of {@code $( )}, {@code <( )} or {@code >( )} after its opening, through the closing paren.
   *
   * @param stdin what its commands read: the current command's input, or for {@code >( )} whatever is written
   */
  void parseSubstitution(Word stdin) {
    boolean outerSubstitution = inSubstitution;
    Word outerStdin = pipedStdin;
    inSubstitution = true;
    pipedStdin = stdin;
    try {
      parseNestedList(END_EOF, true);
    } finally {
      inSubstitution = outerSubstitution;
      pipedStdin = outerStdin;
    }
    if (pos < end && src.charAt(pos) == ')') {
      pos++;
    } else if (pos >= end) {
      problem("unterminated command substitution");
    }
  }

  /** Analyses the text between backquotes as a separate script run in a subshell. */
  void analyseBackticks(String script) {
    nested(script, vars.child(), chain, true).parseScript();
  }

  /** A parser for another script that reports into the same sink one level deeper. */
  ScriptParser nested(String script, Variables variables, List<String> wrapperChain, boolean substitution) {
    return nestedAt(script, variables, wrapperChain, substitution, depth + 1);
  }

  /** A parser for another script at {@code level}; beyond the depth limit it records one unresolved command. */
  ScriptParser nestedAt(String script, Variables variables, List<String> wrapperChain, boolean substitution,
      int level) {
    ScriptParser inner = new ScriptParser(script, sink, variables, wrapperChain, substitution, level);
    inner.pipedStdin = pipedStdin;
    if (level > MAX_DEPTH) {
      inner.tooDeep();
    }
    return inner;
  }

  boolean enterNesting() {
    if (++depth > MAX_DEPTH) {
      depth--;
      tooDeep();
      return false;
    }
    return true;
  }

  /** Beyond the depth limit: report, record the rest as one unresolved command, and stop. */
  void tooDeep() {
    problem("nesting deeper than " + MAX_DEPTH + " levels; the rest was not analysed");
    String rest = src.substring(Math.min(pos, end), Math.min(end, pos + 200));
    sink.add(new Invocation(List.of(Word.unknown(rest)), List.of(), chain, false, inSubstitution));
    pos = end;
  }

  void problem(String message) {
    sink.problem(message);
  }

  char peek(int ahead) {
    int i = pos + ahead;
    return i < end ? src.charAt(i) : '\0';
  }

  void consumeNewline() {
    pos++;
    if (hereDocEnd > pos) {
      pos = hereDocEnd;
    }
  }

  /** Skips spaces, tabs and line continuations. */
  void skipBlanks() {
    while (pos < end) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t') {
        pos++;
      } else if (c == '\\' && peek(1) == '\n') {
        pos += 2;
      } else {
        return;
      }
    }
  }

  void skipBlanksNewlinesAndComments() {
    while (true) {
      skipBlanks();
      if (pos >= end) {
        return;
      }
      char c = src.charAt(pos);
      if (c == '\n') {
        consumeNewline();
      } else if (c == '#') {
        skipComment();
      } else {
        return;
      }
    }
  }

  void skipComment() {
    int newline = src.indexOf('\n', pos);
    pos = newline < 0 || newline > end ? end : newline;
  }
}
