package dev.hotplex.policy.shell;

/**
 * A leading {@code NAME=value} (or {@code NAME+=value}) word of a command, e.g. {@code LD_PRELOAD=/x.so} in
 * {@code LD_PRELOAD=/x.so ls}.
 *
 * @param name the variable name
 * @param value the assigned value (unresolved when it contains unknown parts)
 */
public record Assignment(String name, Word value) {

  /** Parses an assignment word, or returns null when the word is not {@code NAME=...}. */
  static Assignment parse(Word word) {
    int eq = nameEnd(word.text());
    if (eq < 0) {
      return null;
    }
    String text = word.text();
    int valueStart = text.charAt(eq) == '+' ? eq + 2 : eq + 1;
    return new Assignment(text.substring(0, eq), new Word(text.substring(valueStart), word.resolved()));
  }

  /** Index just after a valid leading name followed by {@code =} or {@code +=}, else -1. */
  static int nameEnd(String text) {
    int n = text.length();
    if (n < 2 || !isNameStart(text.charAt(0))) {
      return -1;
    }
    int i = 1;
    while (i < n && isNameChar(text.charAt(i))) {
      i++;
    }
    if (i < n && text.charAt(i) == '=') {
      return i;
    }
    return i + 1 < n && text.charAt(i) == '+' && text.charAt(i + 1) == '=' ? i : -1;
  }

  static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  static boolean isNameChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}
