package dev.hotplex.policy.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Bash brace expansion of comma lists ({@code /{etc,usr}} gives {@code /etc /usr}), applied only to braces that were
 * unquoted in the source. Sequences such as {@code {1..3}} are left as written.
 */
final class BraceExpansion {
  /** More unquoted opening braces than this in one word is treated as hostile: the word is left unexpanded. */
  private static final int MAX_OPEN_BRACES = 32;

  private BraceExpansion() {}

  /**
   * Expands {@code value} whose active (unquoted) brace characters sit at {@code marks[0..count)}.
   *
   * @return the words, or null when the expansion would exceed {@code max} words or is too deeply structured
   */
  static List<String> expand(String value, int[] marks, int count, int max) {
    boolean[] active = new boolean[value.length()];
    int opens = 0;
    for (int i = 0; i < count; i++) {
      if (marks[i] < value.length()) {
        active[marks[i]] = true;
        opens += value.charAt(marks[i]) == '{' ? 1 : 0;
      }
    }
    if (opens > MAX_OPEN_BRACES) {
      return null;
    }
    List<String> out = new ArrayList<>();
    return expandInto(value, active, out, max) ? out : null;
  }

  private static boolean expandInto(String s, boolean[] active, List<String> out, int max) {
    for (int open = 0; open < s.length(); open++) {
      if (!active[open] || s.charAt(open) != '{') {
        continue;
      }
      List<Integer> cuts = new ArrayList<>();
      cuts.add(open);
      int close = findClose(s, active, open, cuts);
      if (close < 0 || cuts.size() < 2) {
        continue;
      }
      cuts.add(close);
      for (int alt = 0; alt + 1 < cuts.size(); alt++) {
        int from = cuts.get(alt) + 1;
        int to = cuts.get(alt + 1);
        String next = s.substring(0, open) + s.substring(from, to) + s.substring(close + 1);
        boolean[] nextActive = new boolean[next.length()];
        System.arraycopy(active, 0, nextActive, 0, open);
        System.arraycopy(active, from, nextActive, open, to - from);
        System.arraycopy(active, close + 1, nextActive, open + to - from, s.length() - close - 1);
        if (!expandInto(next, nextActive, out, max)) {
          return false;
        }
      }
      return true;
    }
    out.add(s);
    return out.size() <= max;
  }

  /** Finds the matching close brace, collecting top-level comma positions into {@code cuts}; -1 if none. */
  private static int findClose(String s, boolean[] active, int open, List<Integer> cuts) {
    int depth = 0;
    for (int j = open + 1; j < s.length(); j++) {
      if (!active[j]) {
        continue;
      }
      char c = s.charAt(j);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return j;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        cuts.add(j);
      }
    }
    return -1;
  }
}
