package dev.hotplex.policy.shell;

import java.util.List;

/**
 * Reads shell words at the parser's position: quoting, escapes, ANSI-C strings, parameter expansion against the
 * known {@link Variables}, command/process substitution (analysed through the parser), arithmetic, field splitting of
 * unquoted known values, and brace expansion.
 */
final class WordReader {
  /** What the commands of {@code >( )} read: whatever the outer command writes. */
  private static final Word WRITTEN_INTO = Word.unknown("the data written into >( )");
  private final ScriptParser parser;
  private final String src;
  /** Whether the last word read had no quoting, escapes or expansions (so it may be a reserved word). */
  boolean lastPlain;

  WordReader(ScriptParser parser) {
    this.parser = parser;
    this.src = parser.src;
  }

  /** Reads one word at the parser position and appends its fields (none when it expands to nothing). */
  void readWord(List<Word> out) {
    readWord(out, false);
  }

  /**
   * Reads one word; in assignment position ({@code NAME=value} before the command or after {@code export} and
   * the like) bash neither splits nor brace-expands the value.
   */
  void readWord(List<Word> out, boolean assignmentPosition) {
    WordBuilder word = new WordBuilder(out);
    word.allowAssignment(assignmentPosition);
    int end = parser.end;
    if (parser.pos + 1 < end && (src.charAt(parser.pos) == '<' || src.charAt(parser.pos) == '>')
        && src.charAt(parser.pos + 1) == '(') {
      int start = parser.pos;
      boolean readsWrittenData = src.charAt(parser.pos) == '>';
      parser.pos += 2;
      parser.parseSubstitution(readsWrittenData ? WRITTEN_INTO : parser.pipedStdin);
      word.appendUnknown(src.substring(start, parser.pos));
    }
    while (parser.pos < end) {
      char c = src.charAt(parser.pos);
      switch (c) {
        case ' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>' -> {
          lastPlain = word.finish();
          return;
        }
        case '\\' -> readEscape(word);
        case '\'' -> readSingleQuoted(word);
        case '"' -> readDoubleQuoted(word);
        case '$' -> readDollar(word, false);
        case '`' -> readBackticks(word);
        case '{', ',', '}' -> {
          word.markBrace();
          word.appendLiteral(c);
          parser.pos++;
        }
        default -> {
          word.appendLiteral(c);
          parser.pos++;
        }
      }
    }
    lastPlain = word.finish();
  }

  /** Expands a here-document body written with an unquoted delimiter (the whole source of this parser). */
  Word readHereDocBody() {
    WordBuilder word = new WordBuilder(null);
    while (parser.pos < parser.end) {
      char c = src.charAt(parser.pos);
      if (c == '\\' && parser.pos + 1 < parser.end && "$`\\\n".indexOf(src.charAt(parser.pos + 1)) >= 0) {
        if (src.charAt(parser.pos + 1) != '\n') {
          word.appendQuoted(src.charAt(parser.pos + 1));
        }
        parser.pos += 2;
      } else if (c == '$') {
        readDollar(word, true);
      } else if (c == '`') {
        readBackticks(word);
      } else {
        word.appendQuoted(c);
        parser.pos++;
      }
    }
    return word.single();
  }

  /** Skips {@code (( expr ))} content after the opening parentheses, analysing any substitution inside it. */
  void skipArithmetic() {
    if (!parser.enterNesting()) {
      return;
    }
    try {
      skipArithmeticBody();
    } finally {
      parser.depth--;
    }
  }

  private void skipArithmeticBody() {
    WordBuilder scratch = new WordBuilder(null);
    int depth = 0;
    while (parser.pos < parser.end) {
      char c = src.charAt(parser.pos);
      if (c == ')' && depth == 0 && parser.pos + 1 < parser.end && src.charAt(parser.pos + 1) == ')') {
        parser.pos += 2;
        return;
      }
      switch (c) {
        case '(' -> depth++;
        case ')' -> depth = Math.max(0, depth - 1);
        case '$' -> {
          readDollar(scratch, true);
          continue;
        }
        case '`' -> {
          readBackticks(scratch);
          continue;
        }
        case '\'' -> {
          readSingleQuoted(scratch);
          continue;
        }
        case '"' -> {
          readDoubleQuoted(scratch);
          continue;
        }
        default -> { }
      }
      parser.pos++;
    }
    parser.problem("unterminated arithmetic expression");
  }

  private void readEscape(WordBuilder word) {
    int next = parser.pos + 1;
    if (next >= parser.end) {
      word.appendQuoted('\\');
      parser.pos = next;
    } else if (src.charAt(next) == '\n') {
      parser.pos = next + 1;
    } else {
      word.appendQuoted(src.charAt(next));
      parser.pos = next + 1;
    }
  }

  private void readSingleQuoted(WordBuilder word) {
    int close = src.indexOf('\'', parser.pos + 1);
    if (close < 0 || close >= parser.end) {
      parser.problem("unterminated single quote");
      word.appendUnknown(src.substring(parser.pos + 1, parser.end));
      parser.pos = parser.end;
      return;
    }
    word.appendQuoted(src, parser.pos + 1, close);
    parser.pos = close + 1;
  }

  private void readDoubleQuoted(WordBuilder word) {
    parser.pos++;
    word.appendQuoted(src, 0, 0);
    while (parser.pos < parser.end) {
      char c = src.charAt(parser.pos);
      switch (c) {
        case '"' -> {
          parser.pos++;
          return;
        }
        case '\\' -> {
          char next = parser.pos + 1 < parser.end ? src.charAt(parser.pos + 1) : '\0';
          if (next == '\n') {
            parser.pos += 2;
          } else if (next == '"' || next == '\\' || next == '$' || next == '`') {
            word.appendQuoted(next);
            parser.pos += 2;
          } else {
            word.appendQuoted('\\');
            parser.pos++;
          }
        }
        case '$' -> readDollar(word, true);
        case '`' -> readBackticks(word);
        default -> {
          word.appendQuoted(c);
          parser.pos++;
        }
      }
    }
    parser.problem("unterminated double quote");
    word.markUnresolved();
  }

  private void readDollar(WordBuilder word, boolean quoted) {
    int start = parser.pos;
    int next = start + 1;
    char c = next < parser.end ? src.charAt(next) : ' ';
    if (c == '\'' && !quoted) {
      parser.pos = next;
      AnsiCString.read(parser, word);
    } else if (c == '"' && !quoted) {
      parser.pos = next;
      readDoubleQuoted(word);
    } else if (c == '(' && next + 1 < parser.end && src.charAt(next + 1) == '(') {
      parser.pos = next + 2;
      skipArithmetic();
      word.appendUnknown(src.substring(start, parser.pos));
    } else if (c == '(') {
      parser.pos = next + 1;
      parser.parseSubstitution(parser.pipedStdin);
      word.appendUnknown(src.substring(start, parser.pos));
    } else if (c == '{') {
      readBracedParameter(word, quoted);
    } else if (Assignment.isNameStart(c)) {
      int nameEnd = next + 1;
      while (nameEnd < parser.end && Assignment.isNameChar(src.charAt(nameEnd))) {
        nameEnd++;
      }
      parser.pos = nameEnd;
      appendVariable(word, src.substring(next, nameEnd), quoted, start);
    } else if (c >= '0' && c <= '9') {
      parser.pos = next + 1;
      appendVariable(word, String.valueOf(c), quoted, start);
    } else if ("@*#?$!-".indexOf(c) >= 0) {
      parser.pos = next + 1;
      word.appendUnknown(src.substring(start, parser.pos));
    } else {
      word.appendLiteralOrQuoted('$', quoted);
      parser.pos = next;
    }
  }

  private void appendVariable(WordBuilder word, String name, boolean quoted, int start) {
    String value = parser.vars.get(name);
    if (value == null || (!quoted && parser.vars.customSeparators())) {
      word.appendUnknown(src.substring(start, parser.pos));
    } else if (quoted) {
      word.appendQuoted(value, 0, value.length());
    } else {
      word.appendSplit(value);
    }
  }

  private void readBracedParameter(WordBuilder word, boolean quoted) {
    int start = parser.pos;
    int nameStart = start + 2;
    int nameEnd = nameStart;
    while (nameEnd < parser.end && Assignment.isNameChar(src.charAt(nameEnd))) {
      nameEnd++;
    }
    if (nameEnd > nameStart && nameEnd < parser.end && src.charAt(nameEnd) == '}'
        && (Assignment.isNameStart(src.charAt(nameStart)) || isNumber(src, nameStart, nameEnd))) {
      parser.pos = nameEnd + 1;
      appendVariable(word, src.substring(nameStart, nameEnd), quoted, start);
      return;
    }
    parser.pos = nameStart;
    if (!parser.enterNesting()) {
      word.appendUnknown(src.substring(start));
      return;
    }
    try {
      readBracedOperator(word, start);
    } finally {
      parser.depth--;
    }
  }

  /** Reads {@code ${name<operator>word}} after {@code ${}, analysing substitutions inside; always unresolved. */
  private void readBracedOperator(WordBuilder word, int start) {
    WordBuilder scratch = new WordBuilder(null);
    int depth = 0;
    while (parser.pos < parser.end) {
      char c = src.charAt(parser.pos);
      switch (c) {
        case '}' -> {
          if (depth-- == 0) {
            parser.pos++;
            word.appendUnknown(src.substring(start, parser.pos));
            return;
          }
          parser.pos++;
        }
        case '{' -> {
          depth++;
          parser.pos++;
        }
        case '\\' -> parser.pos += 2;
        case '\'' -> readSingleQuoted(scratch);
        case '"' -> readDoubleQuoted(scratch);
        case '$' -> readDollar(scratch, true);
        case '`' -> readBackticks(scratch);
        default -> parser.pos++;
      }
    }
    parser.pos = Math.min(parser.pos, parser.end);
    parser.problem("unterminated ${");
    word.appendUnknown(src.substring(start, parser.pos));
  }

  private static boolean isNumber(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private void readBackticks(WordBuilder word) {
    int start = parser.pos;
    StringBuilder inner = new StringBuilder();
    int i = start + 1;
    boolean closed = false;
    while (i < parser.end) {
      char c = src.charAt(i);
      if (c == '`') {
        closed = true;
        i++;
        break;
      }
      if (c == '\\' && i + 1 < parser.end && "`\\$".indexOf(src.charAt(i + 1)) >= 0) {
        inner.append(src.charAt(i + 1));
        i += 2;
      } else {
        inner.append(c);
        i++;
      }
    }
    if (!closed) {
      parser.problem("unterminated backquote");
    }
    parser.pos = i;
    parser.analyseBackticks(inner.toString());
    word.appendUnknown(src.substring(start, i));
  }
}
