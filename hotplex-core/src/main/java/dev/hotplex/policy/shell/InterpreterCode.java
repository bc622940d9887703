package dev.hotplex.policy.shell;

import dev.hotplex.policy.shell.Interpreters.Language;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds what a Python/Node/Perl/Ruby/PHP one-liner runs: commands in string literals passed to {@code os.system},
 * {@code subprocess.*}, {@code child_process.*}, {@code system}, backticks and the like are analysed as shell
 * scripts (or argument lists), and literal-path deletions ({@code shutil.rmtree('/x')}, {@code fs.rmSync},
 * {@code unlink}) become synthetic {@code rm -rf PATH} / {@code rm PATH} / {@code rmdir PATH} invocations so the
 * path rules apply. Anything that executes non-literal code or commands ({@code os.system(x)}, {@code eval(...)})
 * becomes an invocation with an unresolved command word plus a problem.
 *
 * <p>The scan skips string literals, so a lexing mistake (a JavaScript regex containing a quote, Perl's many
 * quoting forms) could hide a call. A second, literal-blind count of {@code name(} for every executing function
 * backs it up: if the raw code has more such calls than the scan followed, an unresolved command is reported.
 */
final class InterpreterCode {
  private final Language language;
  private final String code;
  private final Inner inner;
  private final String label;
  private final int depth;
  private final boolean childProcess;
  private final boolean subprocessImported;
  private int pos;
  private final Map<String, Integer> followed = new HashMap<>();

  private InterpreterCode(Language language, String code, Inner inner, String label, int depth) {
    this.language = language;
    this.code = code;
    this.inner = inner;
    this.label = label;
    this.depth = depth;
    this.childProcess = code.contains("child_process");
    this.subprocessImported = code.contains("from subprocess import");
  }

  static void analyse(Language language, String code, Inner inner, String label, int depth) {
    if (depth > ScriptParser.MAX_DEPTH) {
      inner.unknown(label, code, "interpreter code nested deeper than " + ScriptParser.MAX_DEPTH + " levels");
      return;
    }
    InterpreterCode analysis = new InterpreterCode(language, code, inner, label, depth);
    analysis.scan();
    analysis.reportUnfollowedCalls();
    EnvironmentReads.report(language, code, inner, label);
  }

  /** Reports executing calls that the literal-aware scan did not follow (see the class comment). */
  private void reportUnfollowedCalls() {
    for (Map.Entry<String, Integer> entry : rawCalls().entrySet()) {
      if (entry.getValue() > followed.getOrDefault(entry.getKey(), 0)) {
        unknown(entry.getKey());
      }
    }
  }

  /** Counts {@code name(} for executing names anywhere in the code, strings and comments included. */
  private Map<String, Integer> rawCalls() {
    Map<String, Integer> seen = new HashMap<>();
    int n = code.length();
    int i = 0;
    while (i < n) {
      if (!isIdentifierStart(code.charAt(i)) || (i > 0 && isIdentifierPart(code.charAt(i - 1)))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isIdentifierPart(code.charAt(i))) {
        i++;
      }
      int next = i;
      while (next < n && code.charAt(next) == ' ') {
        next++;
      }
      boolean qualified = start > 0 && code.charAt(start - 1) == '.';
      String name = code.substring(start, i);
      if (next < n && code.charAt(next) == '(' && executes(CallKind.of(language, "", name, qualified, childProcess,
          subprocessImported))) {
        seen.merge(name, 1, Integer::sum);
      }
    }
    return seen;
  }

  private static boolean executes(CallKind kind) {
    return kind == CallKind.SHELL || kind == CallKind.ARGV || kind == CallKind.CODE || kind == CallKind.DYNAMIC;
  }

  private void scan() {
    int n = code.length();
    while (pos < n) {
      char c = code.charAt(pos);
      if (c == '#' && (language == Language.PYTHON || language == Language.AWK)) {
        int newline = code.indexOf('\n', pos);
        pos = newline < 0 ? n : newline;
      } else if (c == '`' && language != Language.PYTHON && language != Language.NODE
          && language != Language.AWK) {
        CodeLiteral literal = CodeLiteral.read(language, code, pos);
        pos = literal.end();
        shellString(literal, "backticks");
      } else if (CodeLiteral.startsLiteral(language, code, pos)) {
        pos = CodeLiteral.read(language, code, pos).end();
      } else if (isIdentifierStart(c)) {
        boolean method = pos > 0 && code.charAt(pos - 1) == '.';
        boolean variable = pos > 0 && "$@%".indexOf(code.charAt(pos - 1)) >= 0 && language != Language.NODE;
        int start = pos;
        while (pos < n && (isIdentifierPart(code.charAt(pos)) || isQualifierSeparator(pos))) {
          pos += code.charAt(pos) == ':' ? 2 : 1;
        }
        if (!variable) {
          call(code.substring(start, pos), method);
        }
      } else {
        pos++;
      }
    }
  }

  private void call(String dotted, boolean method) {
    int cut = Math.max(dotted.lastIndexOf('.'), dotted.lastIndexOf(':'));
    String name = dotted.substring(cut + 1);
    String qualifier = cut < 0 ? "" : dotted.substring(0, cut);
    if ((language == Language.PERL && name.equals("qx")) || (language == Language.RUBY && name.equals("x")
        && cut < 0 && pos >= 2 && code.charAt(pos - 2) == '%')) {
      if (pos < code.length() && "({[<|/!'\"".indexOf(code.charAt(pos)) >= 0) {
        CodeLiteral literal = CodeLiteral.readDelimited(code, pos, language == Language.PERL
            && code.charAt(pos) == '\'');
        pos = literal.end();
        shellString(literal, name);
      }
      return;
    }
    CallKind kind = CallKind.of(language, qualifier, name, method || !qualifier.isEmpty(), childProcess,
        subprocessImported);
    if (kind == CallKind.NONE) {
      return;
    }
    int save = pos;
    while (pos < code.length() && (code.charAt(pos) == ' ' || code.charAt(pos) == '\t')) {
      pos++;
    }
    CodeArgument.Call args;
    if (pos < code.length() && code.charAt(pos) == '(') {
      args = CodeArgument.parseCall(language, code, pos);
    } else if ((language == Language.PERL || language == Language.RUBY) && pos > save
        && pos < code.length() && "'\"`".indexOf(code.charAt(pos)) >= 0) {
      args = CodeArgument.parseBare(language, code, pos);
    } else {
      pos = save;
      return;
    }
    pos = save;
    followed.merge(name, 1, Integer::sum);
    kind.handle(this, dotted, args.positional());
  }

  private void shellString(CodeLiteral literal, String what) {
    if (literal.interpolated()) {
      inner.unknown(label, literal.value(), label + ": " + what + " runs a command built at run time");
    }
    inner.script(label, new Word(literal.value(), !literal.interpolated()), false);
  }

  /** Runs {@code text} as a shell script ({@code os.system}, {@code execSync}, backticks, ...). */
  void shell(Word text) {
    inner.script(label, text, false);
  }

  /** Runs a program with an argument list ({@code subprocess.run([...])}, {@code spawn('rm', [...])}). */
  void argv(List<Word> words) {
    inner.words(label, words, List.of());
  }

  /** Evaluates {@code text} as code of the same language ({@code exec('...')}, {@code eval('...')}). */
  void nestedCode(String text) {
    if (depth + 1 > ScriptParser.MAX_DEPTH) {
      inner.unknown(label, text, "interpreter code nested deeper than " + ScriptParser.MAX_DEPTH + " levels");
      return;
    }
    InterpreterCode nested = new InterpreterCode(language, text, inner, label, depth + 1);
    nested.scan();
    nested.reportUnfollowedCalls();
    nested.rawCalls().forEach((name, count) -> followed.merge(name, count, Integer::sum));
  }

  void unknown(String call) {
    inner.unknown(label, call, label + ": " + call + " runs something only known at run time");
  }

  private boolean isQualifierSeparator(int at) {
    char c = code.charAt(at);
    if (c == '.' || (c == ':' && at + 1 < code.length() && code.charAt(at + 1) == ':')) {
      return at + (c == ':' ? 2 : 1) < code.length() && isIdentifierStart(code.charAt(at + (c == ':' ? 2 : 1)));
    }
    return false;
  }

  private boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_' || (c == '$' && language == Language.NODE);
  }

  private boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }
}
