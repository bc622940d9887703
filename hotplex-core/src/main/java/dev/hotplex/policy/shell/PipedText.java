package dev.hotplex.policy.shell;

import java.util.List;

/**
 * The text a pipeline stage writes into the pipe, when it is known before running: {@code echo} and {@code printf}
 * of literal words, and {@code cat} of a here-document, a here-string or its own known input. A shell or
 * interpreter reading its program from that pipe ({@code cat <<EOF | sh}) then runs known code, which is analysed
 * like a here-document; any other stage ({@code awk}, {@code head}, {@code cat FILE}, a program) gives an
 * unresolved word naming it, so the reader is reported as running code only known at run time.
 */
final class PipedText {
  private PipedText() {}

  /**
   * What {@code stage} writes to the pipe.
   *
   * @param stage the stage's simple command, or null for a compound command ({@code { ...; }}, a loop)
   * @param stdin what the stage itself reads from a pipe (null when its input is not a pipe)
   */
  static Word output(Invocation stage, Word stdin) {
    String name = stage == null ? null : stage.commandName();
    if (name == null) {
      return Word.unknown(stage == null || stage.command() == null ? "a compound command" : stage.command().text());
    }
    Word text = switch (name) {
      case "echo" -> echo(stage.args());
      case "printf" -> printf(stage.args());
      case "cat" -> cat(stage, stdin);
      default -> null;
    };
    return text != null ? text : Word.unknown(name);
  }

  /** {@code echo [-n] WORDS}; escapes ({@code -e}, or a backslash, which some shells' echo interprets) are unknown. */
  private static Word echo(List<Word> args) {
    int i = 0;
    boolean newline = true;
    while (i < args.size() && isEchoOption(args.get(i).text())) {
      if (args.get(i).text().indexOf('e') > 0) {
        return null;
      }
      newline &= args.get(i).text().indexOf('n') < 0;
      i++;
    }
    StringBuilder text = new StringBuilder();
    for (int j = i; j < args.size(); j++) {
      if (!literal(args.get(j)) || args.get(j).text().indexOf('\\') >= 0) {
        return null;
      }
      text.append(j > i ? " " : "").append(args.get(j).text());
    }
    return Word.of(newline ? text.append('\n').toString() : text.toString());
  }

  /**
   * {@code printf FORMAT [ARGS]} with {@code %s} and {@code %%} directives and the escapes {@code \n \t \\ \" \'};
   * the format is reused while arguments remain, as printf does. Anything else is unknown.
   */
  private static Word printf(List<Word> args) {
    int start = !args.isEmpty() && args.get(0).text().equals("--") ? 1 : 0;
    if (start >= args.size()) {
      return null;
    }
    for (Word arg : args.subList(start, args.size())) {
      if (!literal(arg)) {
        return null;
      }
    }
    String format = args.get(start).text();
    List<Word> values = args.subList(start + 1, args.size());
    StringBuilder out = new StringBuilder();
    int next = 0;
    do {
      int consumedBefore = next;
      for (int i = 0; i < format.length(); i++) {
        char c = format.charAt(i);
        char d = i + 1 < format.length() ? format.charAt(i + 1) : '\0';
        if (c == '\\') {
          int decoded = "nt\\\"'".indexOf(d);
          if (decoded < 0) {
            return null;
          }
          out.append("\n\t\\\"'".charAt(decoded));
          i++;
        } else if (c == '%' && d == '%') {
          out.append('%');
          i++;
        } else if (c == '%' && d == 's') {
          out.append(next < values.size() ? values.get(next++).text() : "");
          i++;
        } else if (c == '%') {
          return null;
        } else {
          out.append(c);
        }
      }
      if (next == consumedBefore) {
        break;
      }
    } while (next < values.size());
    return Word.of(out.toString());
  }

  /** {@code cat} or {@code cat -} passes on its input: a here-document, a here-string or the pipe it reads. */
  private static Word cat(Invocation stage, Word stdin) {
    for (Word arg : stage.args()) {
      if (!arg.text().equals("-")) {
        return null;
      }
    }
    Word input = stdin;
    for (Redirect redirect : stage.redirects()) {
      if (redirect.isHereInput()) {
        Word body = redirect.target();
        input = redirect.operator().equals("<<<") ? new Word(body.text() + "\n", body.resolved()) : body;
      } else if (redirect.readsStdin()) {
        return null;
      }
    }
    return input;
  }

  private static boolean isEchoOption(String text) {
    if (text.length() < 2 || text.charAt(0) != '-') {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      if ("neE".indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Known text the shell passes on unchanged: no unknown parts and no wildcards it might expand. */
  private static boolean literal(Word word) {
    String text = word.text();
    return word.resolved() && text.indexOf('*') < 0 && text.indexOf('?') < 0 && text.indexOf('[') < 0;
  }
}
