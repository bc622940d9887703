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
    StringBuilder regex = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
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
        case '?' -> regex.append(pathMode ? "[^/]" : ".");
        case '[' -> {
          int end = glob.indexOf(']', i + 2);
          if (end < 0) {
            regex.append("\\[");
          } else {
            String body = glob.substring(i + 1, end);
            regex.append('[').append(body.startsWith("!") ? "^" + body.substring(1) : body).append(']');
            i = end;
          }
        }
        case '{' -> {
          braces++;
          regex.append("(?:");
        }
        case '}' -> {
          if (braces > 0) {
            braces--;
            regex.append(')');
          } else {
            regex.append("\\}");
          }
        }
        case ',' -> regex.append(braces > 0 ? "|" : ",");
        default -> {
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
    return Pattern.compile(regex.toString());
  }

  static boolean isGlob(String text) {
    return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0 || text.indexOf('{') >= 0;
  }

  /** A set of names (commands, hosts): exact names are a hash lookup, globs are tried in order. */
  static final class NameSet {
    private final Set<String> exact = new HashSet<>();
    private final List<Pattern> globs = new ArrayList<>();

    NameSet(List<String> names) {
      for (String name : names) {
        if (isGlob(name)) {
          globs.add(compile(name, false));
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
      for (Pattern glob : globs) {
        if (glob.matcher(name).matches()) {
          return true;
        }
      }
      return false;
    }
  }
}
