package dev.hotplex.policy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A regex that is searched for only in text containing, ignoring case, one of the literals every match of it
 * contains. Detectors run heavy patterns over every argument of every shell and interpreter call, and most arguments
 * contain none of the literals: a substring test rules them out many times faster than the regex engine can. The
 * guard only skips texts the pattern cannot match, so {@link #find} answers exactly as the pattern alone would.
 *
 * @param pattern the regex
 * @param literals text of which every match contains at least one (compared ignoring case, which can only let more
 *     texts through to the regex)
 */
record GuardedPattern(Pattern pattern, List<String> literals) {

  static GuardedPattern of(String regex, String... literals) {
    return new GuardedPattern(Pattern.compile(regex), Stream.of(literals).map(GuardedPattern::lower).toList());
  }

  /** Whether the pattern is found in {@code text}. */
  boolean find(String text) {
    String lower = lower(text);
    for (String literal : literals) {
      if (lower.contains(literal)) {
        return pattern.matcher(text).find();
      }
    }
    return false;
  }

  /** Lower case: an occurrence of an ASCII literal in any case becomes the literal in lower case. */
  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
