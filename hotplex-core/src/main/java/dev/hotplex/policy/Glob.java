package dev.hotplex.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Glob patterns of policy files, compiled once at load. In text mode ({@code args}, command names, hosts)
 * {@code *} matches any characters; in path mode {@code *} stops at {@code /} and {@code **} crosses it. Both know
 * {@code ?}, {@code [abc]}, {@code [!abc]} and {@code {a,b}}.
 */
final class Glob {
  private Glob() {}

  /** Compiles a glob to an anchored regex. */
  static Pattern compile(String glob, boolean pathMode) {
    return Pattern.compile(translate(glob, pathMode).regex());
  }

  /**
   * A glob as a regex, with the literal text every match contains: the part before the first wildcard, bracket
   * or brace group, and the longest such run anywhere (text inside braces is not required: it is one choice).
   */
  record Translation(String regex, String prefix, String longestLiteral) {}

  static Translation translate(String glob, boolean pathMode) {
    StringBuilder regex = new StringBuilder();
    LiteralRuns literals = new LiteralRuns();
    int braces = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          literals.interrupt();
          boolean twice = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
          if (pathMode && twice) {
            i++;
            if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
              i++;
              regex.append("(?:.*/)?");
            } else {
              regex.append(".*");
            }
          } else {
            regex.append(pathMode ? "[^/]*" : ".*");
          }
        }
        case '?' -> {
          literals.interrupt();
          regex.append(pathMode ? "[^/]" : ".");
        }
        case '[' -> {
          int end = glob.indexOf(']', i + 2);
          if (end < 0) {
            literals.add(c, braces);
            regex.append("\\[");
          } else {
            literals.interrupt();
            String body = glob.substring(i + 1, end);
            regex.append('[').append(body.startsWith("!") ? "^" + body.substring(1) : body).append(']');
            i = end;
          }
        }
        case '{' -> {
          literals.interrupt();
          braces++;
          regex.append("(?:");
        }
        case '}' -> {
          if (braces > 0) {
            braces--;
            regex.append(')');
          } else {
            literals.add(c, braces);
            regex.append("\\}");
          }
        }
        case ',' -> {
          literals.add(c, braces);
          regex.append(braces > 0 ? "|" : ",");
        }
        default -> {
          literals.add(c, braces);
          if ("\\.^$|+()".indexOf(c) >= 0) {
            regex.append('\\');
          }
          regex.append(c);
        }
      }
    }
    if (braces > 0) {
      throw new IllegalArgumentException("glob '" + glob + "' has an unclosed '{'");
    }
    literals.interrupt();
    return new Translation(regex.toString(), literals.prefix, literals.longest);
  }

  /** Collects the runs of literal characters of a glob, in order. */
  private static final class LiteralRuns {
    private final StringBuilder run = new StringBuilder();
    private String prefix;
    private String longest = "";

    /** A character matched as itself; inside braces it is one alternative's, so it ends the run instead. */
    void add(char c, int braces) {
      if (braces > 0) {
        interrupt();
      } else {
        run.append(c);
      }
    }

    void interrupt() {
      if (prefix == null) {
        prefix = run.toString();
      }
      if (run.length() > longest.length()) {
        longest = run.toString();
      }
      run.setLength(0);
    }
  }

  static boolean isGlob(String text) {
    return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0 || text.indexOf('{') >= 0;
  }

  /**
   * A set of names (commands, hosts): exact names are a hash lookup, globs are tried in order, each only on names
   * that start with its literal prefix ({@code mkfs.*} is tried on {@code mkfs.ext4}, not on every command).
   */
  static final class NameSet {
    private final Set<String> exact = new HashSet<>();
    private final List<String> globPrefixes = new ArrayList<>();
    private final List<Pattern> globs = new ArrayList<>();

    NameSet(List<String> names) {
      for (String name : names) {
        if (isGlob(name)) {
          Translation glob = translate(name, false);
          globPrefixes.add(glob.prefix());
          globs.add(Pattern.compile(glob.regex()));
        } else {
          exact.add(name);
        }
      }
    }

    boolean contains(String name) {
      if (name == null) {
        return false;
      }
      if (exact.contains(name)) {
        return true;
      }
      for (int i = 0; i < globs.size(); i++) {
        if (name.startsWith(globPrefixes.get(i)) && globs.get(i).matcher(name).matches()) {
          return true;
        }
      }
      return false;
    }
  }
}
