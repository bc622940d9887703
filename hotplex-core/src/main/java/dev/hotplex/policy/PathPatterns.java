package dev.hotplex.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Path patterns ({@link PathGlob}) compiled for one HOME and workspace: does any of them match a path? Each pattern
 * is its own anchored regex, tried only on a path that starts with the pattern's literal prefix and contains its
 * literal text; and patterns are grouped by the start they share (HOME, the workspace, {@code /etc/}, ...), so a
 * path is only compared with the patterns of the groups it lies in. The shipped policy checks every path against
 * about fifty secret patterns: one regex of fifty alternatives, or fifty prefix tests touching fifty patterns, cost
 * more than the rest of a typical decision.
 */
final class PathPatterns {
  /** The start every path of group {@code g} has; {@code groupMembers[g]} are the pattern indexes. */
  private final String[] groupPrefixes;
  private final int[][] groupMembers;
  private final String[] prefixes;
  private final String[] requiredTexts;
  private final Pattern[] patterns;

  private PathPatterns(String[] groupPrefixes, int[][] groupMembers, String[] prefixes, String[] requiredTexts,
      Pattern[] patterns) {
    this.groupPrefixes = groupPrefixes;
    this.groupMembers = groupMembers;
    this.prefixes = prefixes;
    this.requiredTexts = requiredTexts;
    this.patterns = patterns;
  }

  static PathPatterns of(List<PathGlob> globs, Path home, Path workspace) {
    int n = globs.size();
    String[] prefixes = new String[n];
    String[] requiredTexts = new String[n];
    Pattern[] patterns = new Pattern[n];
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      PathGlob glob = globs.get(i);
      prefixes[i] = glob.absolutePrefix(home.toString(), workspace.toString());
      requiredTexts[i] = glob.requiredText();
      patterns[i] = Pattern.compile(glob.absoluteRegex(home.toString(), workspace.toString()));
      groups.computeIfAbsent(group(prefixes[i], home, workspace), g -> new ArrayList<>()).add(i);
    }
    int[][] members = new int[groups.size()][];
    int g = 0;
    for (List<Integer> indexes : groups.values()) {
      members[g++] = indexes.stream().mapToInt(Integer::intValue).toArray();
    }
    return new PathPatterns(groups.keySet().toArray(String[]::new), members, prefixes, requiredTexts, patterns);
  }

  /** A start of {@code prefix} shared with other patterns: HOME or the workspace, else its first name, else none. */
  private static String group(String prefix, Path home, Path workspace) {
    for (String root : List.of(home + "/", workspace + "/")) {
      if (prefix.startsWith(root)) {
        return root;
      }
    }
    int slash = prefix.indexOf('/', 1);
    return prefix.startsWith("/") && slash > 0 ? prefix.substring(0, slash + 1) : "";
  }

  /** Does any pattern match the whole path? */
  boolean matches(Path path) {
    String text = path.toString();
    for (int g = 0; g < groupPrefixes.length; g++) {
      if (text.startsWith(groupPrefixes[g])) {
        for (int i : groupMembers[g]) {
          if (text.startsWith(prefixes[i]) && text.contains(requiredTexts[i])
              && patterns[i].matcher(text).matches()) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
