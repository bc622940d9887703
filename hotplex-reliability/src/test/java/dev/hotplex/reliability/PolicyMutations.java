package dev.hotplex.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Breaks a valid policy file the ways a hurried edit does: stray or missing characters, lines moved or cut. */
final class PolicyMutations {
  private static final char[] STRAY = {':', '-', ' ', '\t', '[', ']', '{', '}', '"', '\'', '#', '\n', '&', '*', '!',
      '|', '>', '%', '@', '`', ',', 'x', '0', '\u00e9', '\u202e', '\u0000'};

  private PolicyMutations() {}

  /** One to three random edits of {@code text}. */
  static String mutate(String text, Random random) {
    String result = text;
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits && !result.isEmpty(); i++) {
      result = edit(result, random);
    }
    return result;
  }

  private static String edit(String text, Random random) {
    int at = random.nextInt(text.length());
    char stray = STRAY[random.nextInt(STRAY.length)];
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int line = random.nextInt(lines.size());
    switch (random.nextInt(8)) {
      case 0 -> {
        return text.substring(0, at) + text.substring(at + 1);
      }
      case 1 -> {
        return text.substring(0, at) + stray + text.substring(at);
      }
      case 2 -> {
        return text.substring(0, at) + stray + text.substring(at + 1);
      }
      case 3 -> lines.add(line, lines.get(line));
      case 4 -> lines.remove(line);
      case 5 -> {
        if (line + 1 < lines.size()) {
          lines.add(line + 1, lines.remove(line));
        }
      }
      case 6 -> {
        return text.substring(0, at);
      }
      default -> lines.set(line, " ".repeat(1 + random.nextInt(3)) + lines.get(line));
    }
    return String.join("\n", lines);
  }
}
