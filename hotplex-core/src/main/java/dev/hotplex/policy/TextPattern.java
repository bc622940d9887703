package dev.hotplex.policy;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An argument pattern of a rule: a glob (whole word) or a regex (found anywhere in the word). Rules test every
 * argument of every command they apply to, and most arguments fail; so a word is first checked for the literal
 * text every match needs (the glob's literal prefix and longest literal part, or the literal start of a regex
 * anchored with {@code ^}), and only then handed to the regex engine.
 *
 * @param pattern the compiled glob or regex
 * @param find true for a regex (found anywhere), false for a glob (whole word)
 * @param prefix text every matching word starts with (may be empty)
 * @param ignoreCase whether {@code prefix} is compared ignoring case (a {@code (?i)} regex)
 * @param required text every matching word contains (may be empty)
 */
record TextPattern(Pattern pattern, boolean find, String prefix, boolean ignoreCase, String required) {
  private static final String IGNORE_CASE = "(?i)";
  private static final String METACHARACTERS = "\\^$.|?*+()[]{}";

  static TextPattern glob(String glob) {
    Glob.Translation translation = Glob.translate(glob, false);
    return new TextPattern(Pattern.compile(translation.regex()), false, translation.prefix(), false,
        translation.longestLiteral());
  }

  static TextPattern regex(String text) {
    Pattern pattern;
    try {
      pattern = Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("bad regex '" + text + "': " + e.getDescription() + " near index "
          + e.getIndex());
    }
    boolean ignoreCase = text.startsWith(IGNORE_CASE);
    return new TextPattern(pattern, true, anchoredLiteral(ignoreCase ? text.substring(IGNORE_CASE.length()) : text),
        ignoreCase, "");
  }

  boolean test(String text) {
    if (!text.regionMatches(ignoreCase, 0, prefix, 0, prefix.length()) || !text.contains(required)) {
      return false;
    }
    return find ? pattern.matcher(text).find() : pattern.matcher(text).matches();
  }

  /**
   * The literal text a regex anchored with {@code ^} makes every match start with ({@code ^--cap-add} gives
   * {@code --cap-add}, {@code ^core\.(a|b)} gives {@code core.}); empty when the regex is not anchored, starts with
   * anything but a literal, or has a top-level {@code |} (an alternative that is not anchored). Conservative: a
   * literal followed by a quantifier, an escape such as {@code \d} and any group end the text, and a regex with
   * quoting ({@code \Q}) or comments ({@code #}, which {@code (?x)} makes hide parentheses) gets none.
   */
  static String anchoredLiteral(String regex) {
    if (!regex.startsWith("^") || regex.contains("\\Q") || regex.indexOf('#') >= 0
        || hasTopLevelAlternative(regex)) {
      return "";
    }
    StringBuilder literal = new StringBuilder();
    int i = 1;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      char literalChar;
      int next;
      if (c == '\\' && i + 1 < regex.length() && !Character.isLetterOrDigit(regex.charAt(i + 1))) {
        literalChar = regex.charAt(i + 1);
        next = i + 2;
      } else if (METACHARACTERS.indexOf(c) < 0) {
        literalChar = c;
        next = i + 1;
      } else {
        break;
      }
      if (next < regex.length() && "?*+{".indexOf(regex.charAt(next)) >= 0) {
        break; // the quantified character may be absent or repeated
      }
      literal.append(literalChar);
      i = next;
    }
    return literal.toString();
  }

  /** Whether a {@code |} outside any group and character class splits the regex into alternatives. */
  private static boolean hasTopLevelAlternative(String regex) {
    int depth = 0;
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
        if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
          i++; // a ']' right after '[' is a member, not the end
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        return true;
      }
    }
    return false;
  }
}
