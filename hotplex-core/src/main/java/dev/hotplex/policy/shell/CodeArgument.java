package dev.hotplex.policy.shell;

import dev.hotplex.policy.shell.Interpreters.Language;
import java.util.ArrayList;
import java.util.List;

/**
 * One argument of a call in interpreter code, classified just enough to know whether its value is a literal.
 *
 * @param literal the string value when the argument is a string literal (or literals joined by {@code +}/{@code .})
 * @param items the values of a list literal ({@code ["rm", "-rf", x]}; a non-literal item is unresolved)
 * @param raw the argument's source text
 */
record CodeArgument(Word literal, List<Word> items, String raw) {

  /** The positional arguments of a call and the index just after it. */
  record Call(List<CodeArgument> positional, int end) {}

  /** Parses {@code ( ... )} at {@code open}. */
  static Call parseCall(Language language, String code, int open) {
    return parse(language, code, open + 1, true);
  }

  /** Parses the arguments of a call without parentheses ({@code system "rm", "-rf"}) up to {@code ;} or newline. */
  static Call parseBare(Language language, String code, int start) {
    return parse(language, code, start, false);
  }

  private static Call parse(Language language, String code, int start, boolean parenthesised) {
    List<CodeArgument> positional = new ArrayList<>(2);
    int depth = 0;
    int segment = start;
    int i = start;
    while (i < code.length()) {
      char c = code.charAt(i);
      if (CodeLiteral.startsLiteral(language, code, i)
          || (c == '`' && language != Language.PYTHON && language != Language.AWK)) {
        i = CodeLiteral.read(language, code, i).end();
        continue;
      }
      boolean closes = depth == 0 && (parenthesised ? c == ')' : (c == ';' || c == '\n' || c == ')' || c == '}'));
      if (closes || (c == ',' && depth == 0)) {
        add(language, code.substring(segment, i), positional);
        segment = i + 1;
        if (closes) {
          return new Call(positional, parenthesised ? i + 1 : i);
        }
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      }
      i++;
    }
    add(language, code.substring(Math.min(segment, code.length())), positional);
    return new Call(positional, code.length());
  }

  private static void add(Language language, String raw, List<CodeArgument> positional) {
    String text = raw.trim();
    if (text.isEmpty() || isKeywordArgument(language, text)) {
      return;
    }
    positional.add(classify(language, text));
  }

  static CodeArgument classify(Language language, String text) {
    if (text.length() >= 2 && text.charAt(0) == '[' && text.charAt(text.length() - 1) == ']') {
      List<Word> items = new ArrayList<>();
      for (String item : splitTopLevel(language, text.substring(1, text.length() - 1))) {
        Word value = literal(language, item.trim());
        items.add(value != null ? value : Word.unknown(item.trim()));
      }
      return new CodeArgument(null, items, text);
    }
    return new CodeArgument(literal(language, text), null, text);
  }

  /**
   * The value of string literals joined by {@code +} (or {@code .} in Perl/PHP), with Python prefixes; null when the
   * text is anything else. Interpolating literals give an unresolved word.
   */
  static Word literal(Language language, String text) {
    StringBuilder value = new StringBuilder();
    boolean resolved = true;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n') {
        i++;
      } else if (i > 0 && (c == '+' || (c == '.' && (language == Language.PERL
          || language == Language.PHP)))) {
        i++;
      } else {
        int quote = i;
        boolean raw = false;
        boolean format = false;
        while (language == Language.PYTHON && quote < text.length() && quote - i < 2
            && "rRbBuUfF".indexOf(text.charAt(quote)) >= 0) {
          raw |= Character.toLowerCase(text.charAt(quote)) == 'r';
          format |= Character.toLowerCase(text.charAt(quote)) == 'f';
          quote++;
        }
        if (quote >= text.length() || !CodeLiteral.startsLiteral(language, text, quote)) {
          return null;
        }
        CodeLiteral literal = CodeLiteral.read(language, text, quote, raw);
        value.append(literal.value());
        resolved &= !literal.interpolated() && !(format && literal.value().contains("{"));
        i = literal.end();
      }
    }
    return value.length() == 0 && i == 0 ? null : new Word(value.toString(), resolved);
  }

  private static boolean isKeywordArgument(Language language, String text) {
    if (language != Language.PYTHON || !Assignment.isNameStart(text.charAt(0))) {
      return false;
    }
    int i = 1;
    while (i < text.length() && Assignment.isNameChar(text.charAt(i))) {
      i++;
    }
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i + 1 < text.length() && text.charAt(i) == '=' && text.charAt(i + 1) != '=';
  }

  private static List<String> splitTopLevel(Language language, String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (CodeLiteral.startsLiteral(language, text, i)) {
        i = CodeLiteral.read(language, text, i).end();
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
      i++;
    }
    if (!text.substring(start).isBlank()) {
      parts.add(text.substring(start));
    }
    return parts;
  }
}
