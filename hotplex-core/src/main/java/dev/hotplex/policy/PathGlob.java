package dev.hotplex.policy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A path pattern of a policy file. {@code /abs/**} is absolute, {@code ~/.ssh/**} is relative to the HOME the
 * policy is given, {@code **}{@code /id_rsa*} matches anywhere, and any other relative pattern
 * ({@code .git/hooks/**}) is relative to the workspace. A trailing {@code /**} also matches the directory itself.
 *
 * <p>Patterns are validated when the policy loads; a {@link WorkspaceJail} compiles them into {@link PathPatterns}
 * over absolute paths once it knows HOME and the workspace.
 */
final class PathGlob {
  private enum Anchor { ROOT, HOME, WORKSPACE, ANYWHERE }

  private final String text;
  private final Anchor anchor;
  private final String regex;
  /** Literal text at the start of the pattern after its anchor, and the longest literal text anywhere in it. */
  private final String prefix;
  private final String longestLiteral;

  private PathGlob(String text, Anchor anchor, String regex, String prefix, String longestLiteral) {
    this.text = text;
    this.anchor = anchor;
    this.regex = regex;
    this.prefix = prefix;
    this.longestLiteral = longestLiteral;
  }

  static PathGlob compile(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("empty path pattern");
    }
    if (text.equals("~")) {
      return new PathGlob(text, Anchor.HOME, "", "", "");
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
    Glob.Translation translation = Glob.translate(body, true);
    return new PathGlob(text, anchor, translation.regex() + suffix, translation.prefix(),
        translation.longestLiteral());
  }

  /** Is this pattern relative to HOME ({@code ~/...})? */
  boolean homeRelative() {
    return anchor == Anchor.HOME;
  }

  /** This pattern as a regex over normalized absolute paths. */
  String absoluteRegex(String home, String workspace) {
    return switch (anchor) {
      case ROOT, ANYWHERE -> regex;
      case HOME -> Pattern.quote(home) + (regex.isEmpty() ? "" : "/" + regex);
      case WORKSPACE -> Pattern.quote(workspace) + "/" + regex;
    };
  }

  /** Text that every absolute path this pattern matches starts with (empty when it matches anywhere). */
  String absolutePrefix(String home, String workspace) {
    return switch (anchor) {
      case ROOT -> prefix;
      case ANYWHERE -> "";
      case HOME -> regex.isEmpty() ? home : home + "/" + prefix;
      case WORKSPACE -> workspace + "/" + prefix;
    };
  }

  /** Text that every path this pattern matches contains (empty when there is none). */
  String requiredText() {
    return longestLiteral;
  }

  @Override
  public String toString() {
    return text;
  }

  /**
   * The path patterns of one rule condition, compared by identity: a {@link WorkspaceJail} keeps their compiled form
   * per group, and hashing the patterns themselves for every path a rule checks cost more than matching them.
   */
  static final class Group {
    private final List<PathGlob> globs;

    Group(List<PathGlob> globs) {
      this.globs = List.copyOf(globs);
    }

    List<PathGlob> globs() {
      return globs;
    }

    boolean isEmpty() {
      return globs.isEmpty();
    }
  }
}
