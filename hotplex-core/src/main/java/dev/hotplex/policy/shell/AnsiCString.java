package dev.hotplex.policy.shell;

/** Decodes bash ANSI-C quoting, {@code $'...'}: hex, unicode and octal escapes, {@code \n}, {@code \'}, and so on. */
final class AnsiCString {
  private AnsiCString() {}

  /** Reads from the opening quote at the parser position to the closing one, appending the decoded text. */
  static void read(ScriptParser parser, WordBuilder word) {
    String src = parser.src;
    int i = parser.pos + 1;
    StringBuilder decoded = new StringBuilder();
    boolean truncated = false;
    while (i < parser.end && src.charAt(i) != '\'') {
      char c = src.charAt(i++);
      int codePoint = c;
      if (c == '\\' && i < parser.end) {
        char e = src.charAt(i++);
        switch (e) {
          case 'n' -> codePoint = '\n';
          case 't' -> codePoint = '\t';
          case 'r' -> codePoint = '\r';
          case 'a' -> codePoint = 7;
          case 'b' -> codePoint = '\b';
          case 'e', 'E' -> codePoint = 27;
          case 'f' -> codePoint = '\f';
          case 'v' -> codePoint = 11;
          case 'x', 'u', 'U' -> {
            int max = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            int end = digitsEnd(src, i, parser.end, max, 16);
            codePoint = end == i ? -1 : parse(src, i, end, 16);
            if (end == i) {
              decoded.append('\\').append(e);
            }
            i = end;
          }
          case '0', '1', '2', '3', '4', '5', '6', '7' -> {
            int end = digitsEnd(src, i - 1, parser.end, 3, 8);
            codePoint = parse(src, i - 1, end, 8) & 0xFF;
            i = end;
          }
          case 'c' -> {
            codePoint = i < parser.end ? src.charAt(i++) & 0x1F : -1;
          }
          case '\\', '\'', '"', '?' -> codePoint = e;
          default -> {
            decoded.append('\\');
            codePoint = e;
          }
        }
      }
      if (codePoint == 0) {
        truncated = true; // bash cuts the string at a NUL byte
      } else if (codePoint > 0 && !truncated) {
        decoded.appendCodePoint(Character.isValidCodePoint(codePoint) ? codePoint : 0xFFFD);
      }
    }
    if (i >= parser.end) {
      parser.problem("unterminated $'...' string");
      word.markUnresolved();
    }
    word.appendQuoted(decoded, 0, decoded.length());
    parser.pos = Math.min(i + 1, parser.end);
  }

  private static int digitsEnd(String src, int from, int limit, int max, int radix) {
    int i = from;
    while (i < limit && i - from < max && Character.digit(src.charAt(i), radix) >= 0) {
      i++;
    }
    return i;
  }

  private static int parse(String src, int from, int to, int radix) {
    long value = 0;
    for (int i = from; i < to; i++) {
      value = value * radix + Character.digit(src.charAt(i), radix);
    }
    return value > Character.MAX_CODE_POINT ? 0xFFFD : (int) value;
  }
}
