package dev.hotplex.policy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A path pattern of a policy file. {@code /abs/**} is absolute, {@code ~/.ssh/**} is relative to the HOME the
 * policy is given, {@code **}{@code /id_rsa*} matches anywhere, and any other relative pattern
 * ({@code .git/hooks/**}) is relative to the workspace. A trailing {@code /**} also matches the directory itself.
 *
 * <p>Patterns are validated when the policy loads; a {@link WorkspaceJail} joins a list of them into one regex
 * over absolute paths once it knows HOME and the workspace.
 */
final class PathGlob {
  private enum Anchor { ROOT, HOME, WORKSPACE, ANYWHERE }

  private final String text;
  private final Anchor anchor;
  private final String regex;

  private PathGlob(String text, Anchor anchor, String regex) {
    this.text = text;
    this.anchor = anchor;
    this.regex = regex;
  }

  static PathGlob compile(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("empty path pattern");
    }
    if (text.equals("~")) {
      return new PathGlob(text, Anchor.HOME, "");
    }
    Anchor anchor;
    String body;
    if (text.startsWith("~/")) {
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
    return new PathGlob(text, anchor, Glob.compile(body, true).pattern() + suffix);
  }

  /** This pattern as a regex over normalized absolute paths. */
  String absoluteRegex(String home, String workspace) {
    return switch (anchor) {
      case ROOT, ANYWHERE -> regex;
      case HOME -> Pattern.quote(home) + (regex.isEmpty() ? "" : "/" + regex);
      case WORKSPACE -> Pattern.quote(workspace) + "/" + regex;
    };
  }

  /** One regex matching any of {@code globs}; null when the list is empty. */
  static Pattern join(List<PathGlob> globs, String home, String workspace) {
    if (globs.isEmpty()) {
      return null;
    }
    StringBuilder joined = new StringBuilder();
    for (PathGlob glob : globs) {
      joined.append(joined.length() == 0 ? "" : "|").append("(?:").append(glob.absoluteRegex(home, workspace))
          .append(')');
    }
    return Pattern.compile(joined.toString());
  }

  @Override
  public String toString() {
    return text;
  }
}
