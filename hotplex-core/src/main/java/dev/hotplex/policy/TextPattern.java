package dev.hotplex.policy;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** An argument pattern of a rule: a glob (whole word) or a regex (found anywhere in the word). */
record TextPattern(Pattern pattern, boolean find) {
  static TextPattern glob(String glob) {
    return new TextPattern(Glob.compile(glob, false), false);
  }

  static TextPattern regex(String text) {
    try {
      return new TextPattern(Pattern.compile(text), true);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("bad regex '" + text + "': " + e.getDescription() + " near index "
          + e.getIndex());
    }
  }

  boolean test(String text) {
    return find ? pattern.matcher(text).find() : pattern.matcher(text).matches();
  }
}
