package dev.hotplex.policy;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A path pattern of a policy file. {@code /abs/**} is absolute, {@code ~/.ssh/**} is relative to the HOME the
 * policy is given, {@code **}{@code /id_rsa*} matches anywhere, and any other relative pattern
 * ({@code .git/hooks/**}) is relative to the workspace. A trailing {@code /**} also matches the directory itself.
 */
final class PathGlob {
  private enum Anchor { ROOT, HOME, WORKSPACE, ANYWHERE }

  private final String text;
  private final Anchor anchor;
  private final Pattern pattern;

  private PathGlob(String text, Anchor anchor, Pattern pattern) {
    this.text = text;
    this.anchor = anchor;
    this.pattern = pattern;
  }

  static PathGlob compile(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("empty path pattern");
    }
    Anchor anchor;
    String body;
    if (text.equals("~")) {
      return new PathGlob(text, Anchor.HOME, Pattern.compile(""));
    } else if (text.startsWith("~/")) {
      anchor = Anchor.HOME;
      body = text.substring(2);
    } else if (text.startsWith("/")) {
      anchor = Anchor.ROOT;
      body = text;
    } else if (text.startsWith("**")) {
      anchor = Anchor.ANYWHERE;
      body = text;
    } else if (text.startsWith("~")) {
      throw new IllegalArgumentException("path pattern '" + text + "': only ~ and ~/... (the policy's HOME) are"
          + " supported, not ~user");
    } else {
      anchor = Anchor.WORKSPACE;
      body = text.startsWith("./") ? text.substring(2) : text;
    }
    String suffix = "";
    if (body.endsWith("/**") && body.length() > 3) {
      body = body.substring(0, body.length() - 3);
      suffix = "(?:/.*)?";
    }
    String regex = Glob.compile(body, true).pattern() + suffix;
    return new PathGlob(text, anchor, Pattern.compile(regex));
  }

  /** Does the normalized absolute {@code path} match, given the policy's HOME and workspace? */
  boolean matches(Path path, Path home, Path workspace) {
    return switch (anchor) {
      case ROOT, ANYWHERE -> pattern.matcher(path.toString()).matches();
      case HOME -> matchesUnder(path, home);
      case WORKSPACE -> matchesUnder(path, workspace);
    };
  }

  private boolean matchesUnder(Path path, Path base) {
    if (base == null || !path.startsWith(base)) {
      return false;
    }
    return pattern.matcher(base.relativize(path).toString()).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
