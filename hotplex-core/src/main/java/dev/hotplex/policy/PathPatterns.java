package dev.hotplex.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Path patterns ({@link PathGlob}) compiled for one HOME and workspace: does any of them match a path? Each pattern
 * is its own anchored regex, tried only on a path that starts with the pattern's literal prefix and contains its
 * literal text. The shipped policy checks every path against about fifty secret patterns; a path almost always fails
 * those string tests, which are much cheaper than running one regex of fifty alternatives over it.
 */
final class PathPatterns {
  private final String[] prefixes;
  private final String[] requiredTexts;
  private final Pattern[] patterns;

  private PathPatterns(String[] prefixes, String[] requiredTexts, Pattern[] patterns) {
    this.prefixes = prefixes;
    this.requiredTexts = requiredTexts;
    this.patterns = patterns;
  }

  static PathPatterns of(List<PathGlob> globs, Path home, Path workspace) {
    int n = globs.size();
    String[] prefixes = new String[n];
    String[] requiredTexts = new String[n];
    Pattern[] patterns = new Pattern[n];
    for (int i = 0; i < n; i++) {
      PathGlob glob = globs.get(i);
      prefixes[i] = glob.absolutePrefix(home.toString(), workspace.toString());
      requiredTexts[i] = glob.requiredText();
      patterns[i] = Pattern.compile(glob.absoluteRegex(home.toString(), workspace.toString()));
    }
    return new PathPatterns(prefixes, requiredTexts, patterns);
  }

  /** Does any pattern match the whole path? */
  boolean matches(Path path) {
    String text = path.toString();
    for (int i = 0; i < patterns.length; i++) {
      if (text.startsWith(prefixes[i]) && text.contains(requiredTexts[i]) && patterns[i].matcher(text).matches()) {
        return true;
      }
    }
    return false;
  }
}
