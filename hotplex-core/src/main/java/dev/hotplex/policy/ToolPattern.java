package dev.hotplex.policy;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of an allowed/disallowed tools list, in Claude Code's syntax: {@code Read}, {@code Bash(git diff:*)}
 * (a command prefix), {@code Bash(npm test)} (an exact command), {@code Edit(src/**)} (a path glob, relative to
 * the working directory), {@code WebFetch(domain:example.com)}.
 *
 * <p>A pattern names the provider's tool or a {@link ToolKind} ({@code shell}, {@code read}, ...), so that
 * {@code Bash} also matches OpenCode's {@code bash}: names are compared case-insensitively and a kind name matches
 * every tool of that kind.
 */
public final class ToolPattern {
  private final String raw;
  private final String tool;
  private final String specifier;

  private ToolPattern(String raw, String tool, String specifier) {
    this.raw = raw;
    this.tool = tool;
    this.specifier = specifier;
  }

  /**
   * Parses one pattern.
   *
   * @throws IllegalArgumentException with the offending text when the pattern is malformed
   */
  public static ToolPattern parse(String text) {
    String trimmed = Objects.requireNonNull(text, "tool pattern").trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("empty tool pattern");
    }
    int open = trimmed.indexOf('(');
    if (open < 0) {
      requireName(trimmed, text);
      return new ToolPattern(trimmed, trimmed, null);
    }
    if (!trimmed.endsWith(")")) {
      throw new IllegalArgumentException("tool pattern '" + text + "' opens '(' but does not end with ')'");
    }
    String name = trimmed.substring(0, open).trim();
    requireName(name, text);
    String spec = trimmed.substring(open + 1, trimmed.length() - 1).trim();
    return new ToolPattern(trimmed, name, spec.isEmpty() ? null : spec);
  }

  /** Parses a list such as {@code ["Read", "Bash(git diff:*)"]}, or comma-separated items outside parentheses. */
  public static List<ToolPattern> parseAll(List<String> items) {
    List<ToolPattern> patterns = new ArrayList<>();
    for (String item : items) {
      for (String part : splitTopLevel(item)) {
        if (!part.isBlank()) {
          patterns.add(parse(part));
        }
      }
    }
    return List.copyOf(patterns);
  }

  private static void requireName(String name, String text) {
    if (name.isEmpty() || !name.matches("[A-Za-z0-9_.:*-]+")) {
      throw new IllegalArgumentException("tool pattern '" + text + "' must start with a tool name such as Bash"
          + " or Read");
    }
  }

  /** Splits {@code "Read,Bash(git diff:*),Edit"} at commas that are not inside parentheses. */
  static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i).trim());
        start = i + 1;
      }
    }
    parts.add(text.substring(start).trim());
    return parts;
  }

  /** Does this pattern cover the call? */
  public boolean matches(ToolCall call) {
    if (!matchesTool(call)) {
      return false;
    }
    if (specifier == null || specifier.equals("*")) {
      return true;
    }
    return switch (call.kind()) {
      case SHELL -> call.command() != null && matchesCommand(call.command().trim());
      case FETCH -> call.urls().stream().anyMatch(this::matchesUrl);
      case READ, WRITE, EDIT, SEARCH -> !call.paths().isEmpty()
          && call.paths().stream().allMatch(p -> matchesPath(p, call.cwd()));
      default -> false;
    };
  }

  private boolean matchesTool(ToolCall call) {
    return tool.equals("*") || tool.equalsIgnoreCase(call.toolName())
        || tool.equalsIgnoreCase(call.kind().name());
  }

  private boolean matchesCommand(String command) {
    if (specifier.endsWith(":*")) {
      String prefix = specifier.substring(0, specifier.length() - 2).trim();
      return command.equals(prefix) || command.startsWith(prefix + " ");
    }
    if (specifier.endsWith("*")) {
      return command.startsWith(specifier.substring(0, specifier.length() - 1));
    }
    return command.equals(specifier);
  }

  private boolean matchesUrl(String url) {
    if (!specifier.startsWith("domain:")) {
      return url.startsWith(specifier);
    }
    String domain = specifier.substring("domain:".length()).toLowerCase(Locale.ROOT);
    try {
      String host = java.net.URI.create(url).getHost();
      return host != null && (host.equalsIgnoreCase(domain) || host.toLowerCase(Locale.ROOT).endsWith("." + domain));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private boolean matchesPath(String path, Path cwd) {
    Path base = cwd == null ? Path.of("").toAbsolutePath() : cwd;
    Path target = base.resolve(path).normalize();
    String glob = specifier.startsWith("/") ? specifier : base.resolve(specifier).normalize().toString();
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    return matcher.matches(target);
  }

  public String tool() {
    return tool;
  }

  public String specifier() {
    return specifier;
  }

  @Override
  public String toString() {
    return raw;
  }
}
