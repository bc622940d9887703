package dev.hotplex.policy.shell;

import java.util.List;

/**
 * Shells and language interpreters: where their program comes from ({@code -c}/{@code -e}/{@code -r} code, a file,
 * or stdin), and analysing inline code and here-documents fed to them.
 */
final class Interpreters {
  enum Language { SHELL, PYTHON, NODE, PERL, RUBY, PHP, AWK }

  /**
   * Where an interpreter invocation reads its program from; {@code code} is set for inline code, and
   * {@code operands} are the words after a shell's {@code -c} script (its {@code $0}, {@code $1}, ...).
   */
  record Program(Source source, Word code, String flag, List<Word> operands) {
    Program(Source source, Word code, String flag) {
      this(source, code, flag, List.of());
    }
  }

  enum Source { INLINE, STDIN, FILE }

  private static final Program FROM_STDIN = new Program(Source.STDIN, null, null);
  private static final Program FROM_FILE = new Program(Source.FILE, null, null);

  private Interpreters() {}

  static boolean isShellOrInterpreter(String name) {
    return languageOf(name) != null;
  }

  static boolean readsProgramFromStdin(String name, List<Word> args) {
    Language language = languageOf(name);
    return language != null && program(language, name, args).source() == Source.STDIN;
  }

  static Language languageOf(String name) {
    switch (name) {
      case "sh", "bash", "zsh", "dash", "ksh", "ash", "mksh", "yash", "posh", "rbash", "fish" -> {
        return Language.SHELL;
      }
      case "node", "nodejs", "bun", "deno" -> {
        return Language.NODE;
      }
      case "perl" -> {
        return Language.PERL;
      }
      case "ruby" -> {
        return Language.RUBY;
      }
      case "php" -> {
        return Language.PHP;
      }
      case "awk", "gawk", "mawk", "nawk" -> {
        return Language.AWK;
      }
      default -> {
        return isPython(name) ? Language.PYTHON : null;
      }
    }
  }

  private static boolean isPython(String name) {
    String rest = name.startsWith("python") ? name.substring(6) : name.startsWith("pypy") ? name.substring(4) : null;
    if (rest == null) {
      return false;
    }
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if ((c < '0' || c > '9') && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** Analyses the program of a shell or interpreter invocation when it is inline or a here-document. */
  static void expand(Inner inner, String name, List<Word> args, List<Redirect> redirects) {
    Language language = languageOf(name);
    if (language == null) {
      return;
    }
    Program program = program(language, name, args);
    if (program.source() == Source.INLINE) {
      String label = program.flag().isEmpty() ? name : name + " " + program.flag();
      analyse(inner, language, label, program.code(), program.operands());
    } else if (program.source() == Source.STDIN) {
      boolean ownInput = false;
      for (Redirect redirect : redirects) {
        if (redirect.isHereInput()) {
          analyse(inner, language, name + " " + redirect.operator(), redirect.target(), List.of());
        } else if (redirect.readsStdin() && !redirect.target().resolved()) {
          inner.unknown(name + " <", redirect.target().text(), name + " runs a program read from "
              + redirect.target().text() + ", which is only known when it runs");
        }
        ownInput |= redirect.readsStdin();
      }
      if (!ownInput && inner.pipedStdin() != null) {
        fromPipe(inner, language, name, inner.pipedStdin());
      }
    }
  }

  /** A program piped in: analysed when the piped text is known ({@code cat <<EOF | sh}), else unresolved. */
  private static void fromPipe(Inner inner, Language language, String name, Word piped) {
    String label = name + " |";
    if (piped.resolved()) {
      inner.withStdinConsumed(() -> analyse(inner, language, label, piped, List.of()));
    } else {
      inner.unknown(label, piped.text(), name + " runs a program piped from " + piped.text()
          + ", whose text is only known when it runs");
    }
  }

  private static void analyse(Inner inner, Language language, String label, Word code, List<Word> operands) {
    if (language == Language.SHELL) {
      inner.script(label, code, operands);
      return;
    }
    InterpreterCode.analyse(language, code.text(), inner, label, inner.depth());
    if (!code.resolved()) {
      inner.unknown(label, code.text(), label + " runs code that is only known at run time");
    }
  }

  static Program program(Language language, String name, List<Word> args) {
    return switch (language) {
      case SHELL -> shellProgram(args);
      case PYTHON -> clusterProgram(args, "c", "WX", "--check-hash-based-pycs", "-c");
      case NODE -> nodeProgram(name, args);
      case PERL -> clusterProgram(args, "eE", "MmIixCdD", "", "-e");
      case RUBY -> clusterProgram(args, "e", "rIECFKTWx", "", "-e");
      case PHP -> phpProgram(args);
      case AWK -> awkProgram(args);
    };
  }

  private static Program shellProgram(List<Word> args) {
    boolean inline = false;
    boolean stdin = false;
    int i = 0;
    while (i < args.size() && args.get(i).resolved()) {
      String text = args.get(i).text();
      if (text.equals("-") || text.equals("--")) {
        stdin |= text.equals("-");
        i++;
        break;
      }
      if (text.length() < 2 || (text.charAt(0) != '-' && text.charAt(0) != '+')) {
        break;
      }
      char last = text.charAt(text.length() - 1);
      if (text.equals("--rcfile") || text.equals("--init-file") || (!text.startsWith("--")
          && (last == 'o' || last == 'O'))) {
        i += 2;
        continue;
      }
      if (!text.startsWith("--")) {
        inline |= text.indexOf('c') > 0;
        stdin |= text.indexOf('s') > 0;
      }
      i++;
    }
    if (inline) {
      return i < args.size() ? new Program(Source.INLINE, args.get(i), "-c", args.subList(i + 1, args.size()))
          : FROM_FILE;
    }
    return stdin || i >= args.size() ? FROM_STDIN : FROM_FILE;
  }

  /**
   * Options as single-letter clusters: a letter of {@code codeLetters} takes the code (attached or next word; repeated
   * code options are joined by newlines, as perl and ruby do); a letter of {@code valueLetters} takes a value.
   */
  private static Program clusterProgram(List<Word> args, String codeLetters, String valueLetters,
      String longWithValue, String flag) {
    StringBuilder code = null;
    boolean resolved = true;
    int i = 0;
    while (i < args.size()) {
      Word word = args.get(i);
      String text = word.text();
      if (text.equals("-")) {
        return code != null ? inline(code, resolved, flag) : FROM_STDIN;
      }
      if (!word.resolved() || text.length() < 2 || text.charAt(0) != '-' || text.equals("--")) {
        break;
      }
      if (text.startsWith("--")) {
        i += text.equals(longWithValue) ? 2 : 1;
        continue;
      }
      int step = 1;
      for (int j = 1; j < text.length(); j++) {
        char c = text.charAt(j);
        if (codeLetters.indexOf(c) >= 0) {
          Word value = j + 1 < text.length() ? new Word(text.substring(j + 1), true)
              : i + 1 < args.size() ? args.get(i + 1) : Word.of("");
          step = j + 1 < text.length() ? 1 : 2;
          code = code == null ? new StringBuilder() : code.append('\n');
          code.append(value.text());
          resolved &= value.resolved();
          if (flag.equals("-c")) {
            return inline(code, resolved, flag); // python stops reading options at -c
          }
          break;
        }
        if (valueLetters.indexOf(c) >= 0) {
          step = j + 1 < text.length() ? 1 : 2;
          break;
        }
      }
      i += step;
    }
    if (code != null) {
      return inline(code, resolved, flag);
    }
    return i >= args.size() ? FROM_STDIN : FROM_FILE;
  }

  private static Program inline(StringBuilder code, boolean resolved, String flag) {
    return new Program(Source.INLINE, new Word(code.toString(), resolved), flag);
  }

  private static Program nodeProgram(String name, List<Word> args) {
    int i = 0;
    while (i < args.size()) {
      Word word = args.get(i);
      String text = word.text();
      if (text.equals("-")) {
        return FROM_STDIN;
      }
      boolean code = text.equals("-e") || text.equals("--eval") || text.equals("-p") || text.equals("--print")
          || (name.equals("deno") && text.equals("eval"));
      if (code) {
        return i + 1 < args.size() ? new Program(Source.INLINE, args.get(i + 1), "-e") : FROM_FILE;
      }
      if (text.startsWith("--eval=") || text.startsWith("--print=")) {
        return new Program(Source.INLINE, new Word(text.substring(text.indexOf('=') + 1), word.resolved()), "-e");
      }
      if (!word.resolved() || !text.startsWith("-")) {
        return FROM_FILE;
      }
      boolean takesValue = text.equals("-r") || text.equals("--require") || text.equals("--import")
          || text.equals("--loader") || text.equals("--experimental-loader") || text.equals("-C")
          || text.equals("--conditions") || text.equals("--title");
      i += takesValue ? 2 : 1;
    }
    return FROM_STDIN;
  }

  /** awk's program is its first operand, unless {@code -f FILE} (or gawk's {@code -e TEXT}) gives it. */
  private static Program awkProgram(List<Word> args) {
    int i = 0;
    while (i < args.size()) {
      Word word = args.get(i);
      String text = word.text();
      if (text.equals("-f") || text.startsWith("--file") || text.startsWith("-f") && text.length() > 2) {
        return FROM_FILE;
      }
      if ((text.equals("-e") || text.equals("--source")) && i + 1 < args.size()) {
        return new Program(Source.INLINE, args.get(i + 1), "-e");
      }
      if (text.equals("--")) {
        i++;
        break;
      }
      if (!word.resolved() || !text.startsWith("-") || text.equals("-")) {
        break;
      }
      boolean takesValue = text.equals("-F") || text.equals("-v") || text.equals("--assign")
          || text.equals("--field-separator");
      i += takesValue ? 2 : 1;
    }
    return i < args.size() ? new Program(Source.INLINE, args.get(i), "") : FROM_FILE;
  }

  private static Program phpProgram(List<Word> args) {
    int i = 0;
    while (i < args.size()) {
      Word word = args.get(i);
      String text = word.text();
      if (text.equals("-r") || text.equals("-B") || text.equals("-R") || text.equals("-E")) {
        return i + 1 < args.size() ? new Program(Source.INLINE, args.get(i + 1), "-r") : FROM_FILE;
      }
      if (!word.resolved() || !text.startsWith("-") || text.equals("-f")) {
        return FROM_FILE;
      }
      boolean takesValue = text.equals("-d") || text.equals("-c") || text.equals("-z") || text.equals("-t");
      i += takesValue ? 2 : 1;
    }
    return FROM_STDIN;
  }
}
