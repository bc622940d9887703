package dev.hotplex.policy.shell;

import dev.hotplex.policy.shell.Interpreters.Language;

/**
 * A string literal in interpreter code, decoded.
 *
 * @param value the decoded text
 * @param interpolated whether the literal embeds run-time values ({@code f"{x}"}, {@code `${x}`}, {@code "$x"},
 *     {@code "#{x}"}) or is unterminated, so that {@code value} is not the run-time string
 * @param end the index just after the literal
 */
record CodeLiteral(String value, boolean interpolated, int end) {

  static boolean startsLiteral(Language language, String code, int pos) {
    char c = code.charAt(pos);
    return c == '\'' || c == '"' || (c == '`' && language == Language.NODE);
  }

  /** Reads the quoted literal at {@code pos} (quote included), honouring the language's escapes. */
  static CodeLiteral read(Language language, String code, int pos) {
    return read(language, code, pos, false);
  }

  static CodeLiteral read(Language language, String code, int pos, boolean raw) {
    char quote = code.charAt(pos);
    boolean triple = language == Language.PYTHON && code.startsWith(String.valueOf(quote).repeat(3), pos);
    int i = pos + (triple ? 3 : 1);
    boolean escapes = !raw && (quote != '\'' || language == Language.PYTHON || language == Language.NODE);
    StringBuilder value = new StringBuilder();
    while (i < code.length()) {
      char c = code.charAt(i);
      if (c == quote && (!triple || code.startsWith(String.valueOf(quote).repeat(3), i))) {
        String text = value.toString();
        return new CodeLiteral(text, interpolates(language, quote, text, code, pos, i), i + (triple ? 3 : 1));
      }
      if (c == '\\' && i + 1 < code.length()) {
        char e = code.charAt(i + 1);
        if (escapes) {
          i = escape(code, i + 1, value);
        } else {
          value.append(e == quote || e == '\\' ? "" : "\\").append(e);
          i += 2;
        }
        continue;
      }
      value.append(c);
      i++;
    }
    return new CodeLiteral(value.toString(), true, code.length());
  }

  /** Reads {@code qx{...}}-style text from the opening delimiter at {@code pos}. */
  static CodeLiteral readDelimited(String code, int pos, boolean literalOnly) {
    char open = code.charAt(pos);
    char close = switch (open) {
      case '(' -> ')';
      case '{' -> '}';
      case '[' -> ']';
      case '<' -> '>';
      default -> open;
    };
    int depth = 0;
    for (int i = pos + 1; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == close && depth == 0) {
        String text = code.substring(pos + 1, i);
        boolean dynamic = !literalOnly && (text.contains("$") || text.contains("@") || text.contains("#{"));
        return new CodeLiteral(text, dynamic, i + 1);
      } else if (c == close) {
        depth--;
      } else if (c == open && open != close) {
        depth++;
      }
    }
    return new CodeLiteral(code.substring(Math.min(pos + 1, code.length())), true, code.length());
  }

  /** Decodes the escape whose letter is at {@code at}; returns the index just after it. */
  private static int escape(String code, int at, StringBuilder out) {
    char e = code.charAt(at);
    switch (e) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case '0' -> out.append('\0');
      case 'x', 'u' -> {
        int digits = e == 'x' ? 2 : 4;
        if (at + digits < code.length() && isHex(code, at + 1, digits)) {
          out.append((char) Integer.parseInt(code.substring(at + 1, at + 1 + digits), 16));
          return at + 1 + digits;
        }
        out.append('\\').append(e);
      }
      case '\n' -> { }
      default -> out.append(e);
    }
    return at + 1;
  }

  private static boolean isHex(String code, int from, int count) {
    for (int i = from; i < from + count; i++) {
      if (Character.digit(code.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean interpolates(Language language, char quote, String text, String code, int start,
      int close) {
    String source = code.substring(start, close);
    return switch (language) {
      case PYTHON -> false;
      case NODE -> quote == '`' && source.contains("${");
      case RUBY -> quote != '\'' && source.contains("#{");
      case PERL, PHP -> quote != '\'' && hasSigil(source);
      case SHELL, AWK -> false;
    };
  }

  private static boolean hasSigil(String text) {
    for (int i = 0; i + 1 < text.length(); i++) {
      char c = text.charAt(i);
      char next = text.charAt(i + 1);
      if ((c == '$' || c == '@') && (Character.isLetter(next) || next == '_' || next == '{')
          && (i == 0 || text.charAt(i - 1) != '\\')) {
        return true;
      }
    }
    return false;
  }
}
