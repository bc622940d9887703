package dev.hotplex.policy.shell;

import dev.hotplex.policy.shell.Interpreters.Language;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds where interpreter code reads environment variables, so that the rules for {@code printenv NAME} and a bare
 * {@code env} judge it: reading one variable by a literal name ({@code process.env.GITHUB_TOKEN},
 * {@code os.environ['HOME']}, {@code os.getenv("CI")}, {@code $ENV{X}}, {@code ENV['X']}, {@code getenv('X')},
 * awk's {@code ENVIRON["X"]}) is reported as a synthetic {@code printenv NAME}; reading the whole environment or a
 * computed name ({@code print(os.environ)}, {@code %ENV}, {@code p ENV}, {@code process.env[k]}, {@code getenv()})
 * as a synthetic {@code env}. Testing whether a variable exists ({@code 'CI' in os.environ}) or listing the names
 * ({@code os.environ.keys()}) reads no values and is not reported.
 *
 * <p>Like the backup count in {@link InterpreterCode}, the scan does not skip string literals, so a read inside an
 * interpolating string ({@code f"{os.environ['X']}"}, {@code "$ENV{X}"}, {@code `${process.env.X}`}) is found too,
 * and so is text that merely spells one out.
 */
final class EnvironmentReads {
  /** Methods of the environment object that read one variable, or only its names. */
  private static final Set<String> PYTHON_READERS = Set.of("get", "setdefault", "pop", "__getitem__");
  private static final Set<String> PYTHON_NAMES_ONLY = Set.of("keys", "__contains__");
  private static final Set<String> RUBY_READERS = Set.of("fetch");
  private static final Set<String> RUBY_NAMES_ONLY = Set.of("keys", "key", "has_key", "include", "member");
  private static final Set<String> DENO_READERS = Set.of("get", "has");
  private final Language language;
  private final String code;
  private final Set<String> names = new LinkedHashSet<>();
  private boolean wholeEnvironment;

  private EnvironmentReads(Language language, String code) {
    this.language = language;
    this.code = code;
  }

  /** Reports the environment reads of {@code code} as invocations run by {@code label}. */
  static void report(Language language, String code, Inner inner, String label) {
    EnvironmentReads reads = new EnvironmentReads(language, code);
    reads.scan();
    for (String name : reads.names) {
      inner.words(label, List.of(Word.of("printenv"), Word.of(name)), List.of());
    }
    if (reads.wholeEnvironment) {
      inner.words(label, List.of(Word.of("env")), List.of());
    }
  }

  private void scan() {
    int n = code.length();
    int i = 0;
    while (i < n) {
      char c = code.charAt(i);
      if (!isIdentifierStart(c) || (i > 0 && (isIdentifierPart(code.charAt(i - 1)) || code.charAt(i - 1) == '.'
          && language != Language.NODE))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && (isIdentifierPart(code.charAt(i))
          || code.charAt(i) == '.' && i + 1 < n && isIdentifierStart(code.charAt(i + 1)))) {
        i++;
      }
      classify(start, code.substring(start, i).split("\\.", -1), i);
    }
  }

  /** Looks at one dotted name ({@code os.environ.get}) that ends at {@code end}. */
  private void classify(int start, String[] chain, int end) {
    char sigil = start > 0 ? code.charAt(start - 1) : ' ';
    switch (language) {
      case NODE -> {
        boolean afterDot = sigil == '.';
        int env = chain[0].equals("env") && afterDot ? 0
            : chain.length > 1 && chain[1].equals("env")
                && (chain[0].equals("process") || chain[0].equals("Bun") || chain[0].equals("Deno")) ? 1 : -1;
        if (env >= 0) {
          node(chain, env, start, end);
        }
      }
      case PYTHON -> {
        int at = chain.length > 1 && isPythonEnvironment(chain[1]) ? 1 : isPythonEnvironment(chain[0]) ? 0 : -1;
        if (at >= 0 && !inImportStatement(start)) {
          python(chain, at, start, end);
        }
      }
      case PERL -> {
        if (chain.length == 1 && chain[0].equals("ENV") && sigil == '$') {
          subscript(end, '{', '}');
        } else if (chain.length == 1 && chain[0].equals("ENV") && (sigil == '%' || sigil == '@')) {
          wholeEnvironment = true;
        }
      }
      case RUBY -> {
        if (chain[0].equals("ENV") && sigil != ':' && sigil != '$' && sigil != '@') {
          member(chain, 0, start, end, RUBY_READERS, RUBY_NAMES_ONLY);
        }
      }
      case PHP -> {
        if (chain.length == 1 && (chain[0].equals("_ENV") || chain[0].equals("_SERVER")) && sigil == '$') {
          subscript(end, '[', ']');
        } else if (chain.length == 1 && chain[0].equals("getenv") && sigil != '$' && sigil != '>') {
          call(end, true);
        }
      }
      case AWK -> {
        if (chain.length == 1 && chain[0].equals("ENVIRON")) {
          member(chain, 0, start, end, Set.of(), Set.of());
        }
      }
      case SHELL -> { }
    }
  }

  /** {@code from os import environ, getenv} names them without reading anything. */
  private boolean inImportStatement(int start) {
    int statement = Math.max(code.lastIndexOf('\n', start), code.lastIndexOf(';', start)) + 1;
    String head = code.substring(statement, start).stripLeading();
    return head.startsWith("from ") || head.startsWith("import ");
  }

  private static boolean isPythonEnvironment(String name) {
    return name.equals("environ") || name.equals("environb") || name.equals("getenv") || name.equals("getenvb");
  }

  private void node(String[] chain, int env, int start, int end) {
    if (chain[0].equals("Deno")) {
      member(chain, env, start, end, DENO_READERS, Set.of());
    } else if (chain.length > env + 1) {
      names.add(chain[env + 1]); // process.env.NAME
    } else {
      member(chain, env, start, end, Set.of(), Set.of());
    }
  }

  private void python(String[] chain, int at, int start, int end) {
    if (chain[at].startsWith("getenv")) {
      call(end, true);
    } else {
      member(chain, at, start, end, PYTHON_READERS, PYTHON_NAMES_ONLY);
    }
  }

  /**
   * {@code chain[at]} is the environment object: a subscript or a call of one of {@code readers} reads one variable,
   * a membership test or one of {@code namesOnly} reads no value, anything else reads all of it.
   */
  private void member(String[] chain, int at, int start, int end, Set<String> readers, Set<String> namesOnly) {
    if (chain.length == at + 1) {
      if (next(end) == '[') {
        subscript(end, '[', ']');
      } else if (!precededByIn(start)) {
        wholeEnvironment = true;
      }
    } else if (chain.length == at + 2 && readers.contains(chain[at + 1])) {
      call(end, false);
    } else if (!(chain.length == at + 2 && namesOnly.contains(chain[at + 1]))) {
      wholeEnvironment = true;
    }
  }

  /** {@code [ 'NAME' ]}, or for Perl {@code { NAME }}; anything else is a computed name. */
  private void subscript(int end, char open, char close) {
    int i = skipBlanks(end);
    if (i >= code.length() || code.charAt(i) != open) {
      wholeEnvironment |= language != Language.PERL; // Perl's $ENV alone is another variable
      return;
    }
    i = skipBlanks(i + 1);
    String name = null;
    if (i < code.length() && CodeLiteral.startsLiteral(language, code, i)) {
      CodeLiteral literal = CodeLiteral.read(language, code, i);
      name = literal.interpolated() ? null : literal.value();
      i = literal.end();
    } else if (language == Language.PERL) {
      int from = i;
      while (i < code.length() && isIdentifierPart(code.charAt(i))) {
        i++;
      }
      name = i > from ? code.substring(from, i) : null;
    }
    i = skipBlanks(i);
    if (name != null && !name.isEmpty() && i < code.length() && code.charAt(i) == close) {
      names.add(name);
    } else {
      wholeEnvironment = true;
    }
  }

  /** {@code (NAME, ...)} (or Ruby's {@code fetch 'NAME'}); no arguments is the whole environment when allowed. */
  private void call(int end, boolean noArgumentsReadsAll) {
    int open = skipBlanks(end);
    CodeArgument.Call call;
    if (open < code.length() && code.charAt(open) == '(') {
      call = CodeArgument.parseCall(language, code, open);
    } else if (language == Language.RUBY && open > end && open < code.length()
        && CodeLiteral.startsLiteral(language, code, open)) {
      call = CodeArgument.parseBare(language, code, open);
    } else {
      wholeEnvironment = true; // passed around as a function value
      return;
    }
    List<CodeArgument> args = call.positional();
    if (args.isEmpty()) {
      wholeEnvironment |= noArgumentsReadsAll;
    } else if (args.get(0).literal() != null && args.get(0).literal().resolved()) {
      names.add(args.get(0).literal().text());
    } else {
      wholeEnvironment = true;
    }
  }

  private boolean precededByIn(int start) {
    int i = start - 1;
    while (i >= 0 && code.charAt(i) == ' ') {
      i--;
    }
    return i >= 1 && code.charAt(i) == 'n' && code.charAt(i - 1) == 'i'
        && (i < 2 || !isIdentifierPart(code.charAt(i - 2)));
  }

  private char next(int end) {
    int i = skipBlanks(end);
    return i < code.length() ? code.charAt(i) : '\0';
  }

  private int skipBlanks(int from) {
    int i = from;
    while (i < code.length() && (code.charAt(i) == ' ' || code.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_' || (c == '$' && language == Language.NODE);
  }

  private boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }
}
