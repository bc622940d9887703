package dev.hotplex.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides where a tool call may read and write. Paths are resolved against the agent's working directory
 * ({@code ~} is the HOME the policy is given), normalized, and resolved through symlinks, so that a symlink inside
 * the workspace pointing out of it is caught, also for files that do not exist yet.
 *
 * <p>Writes and deletes are allowed inside the workspace, inside {@code allowPaths} and on harmless devices
 * ({@code /dev/null}, {@code /dev/stdout}, ...). Reads are allowed there and in {@code readablePaths}, never in
 * {@code secretPaths}. Paths that are lexically outside every root are decided without touching the file system;
 * the others are resolved through it at every decision (see {@link PathResolution}).
 */
public final class WorkspaceJail {
  /** Symlink hops followed before a path is treated as unresolvable (as the kernel's ELOOP limit). */
  static final int MAX_LINK_DEPTH = 40;

  private static final List<Path> WRITABLE_DEVICES = List.of(Path.of("/dev/null"), Path.of("/dev/stdout"),
      Path.of("/dev/stderr"), Path.of("/dev/tty"), Path.of("/dev/fd/1"), Path.of("/dev/fd/2"));

  private final Path workspace;
  private final Path workspaceReal;
  private final Path home;
  private final List<Path> allowRoots;
  private final PathPatterns readable;
  /** Inside HOME only the HOME-relative readable patterns count, even when HOME lies under, say, /tmp. */
  private final PathPatterns readableInHome;
  private final PathPatterns secret;
  /** Rule path patterns compiled for this jail's HOME and workspace, built on first use. */
  private final Map<PathGlob.Group, PathPatterns> compiled = new ConcurrentHashMap<>();

  /**
   * @param workspace the jail root (made absolute and normalized); not {@code /}
   * @param home the HOME that {@code ~} means
   * @param allowPaths extra roots where writes and reads are allowed ({@code ~/} allowed)
   * @param readablePaths path patterns readable outside the workspace
   * @param secretPaths path patterns never readable, even inside the workspace
   */
  public WorkspaceJail(Path workspace, Path home, List<String> allowPaths, List<String> readablePaths,
      List<String> secretPaths) {
    this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
    this.workspaceReal = realPath(this.workspace);
    if (workspaceReal == null) {
      throw new IllegalArgumentException("the workspace " + workspace + " cannot be resolved: its symlinks loop");
    }
    if (this.workspace.getParent() == null || workspaceReal.getParent() == null) {
      throw new IllegalArgumentException("the workspace must be a project directory, not the file system root "
          + workspace + ": a jail rooted at / allows everything");
    }
    this.home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
    List<Path> roots = new ArrayList<>();
    for (String allow : allowPaths) {
      Path root = expandHome(allow);
      if (root == null || !root.isAbsolute()) {
        throw new IllegalArgumentException("allowPaths entry '" + allow + "' must be an absolute path or start"
            + " with ~/");
      }
      roots.add(root.normalize());
      Path real = realPath(root.normalize());
      if (real != null) {
        roots.add(real);
      }
    }
    this.allowRoots = List.copyOf(roots);
    List<PathGlob> readableGlobs = readablePaths.stream().map(PathGlob::compile).toList();
    this.readable = compile(readableGlobs.stream().filter(g -> !g.homeRelative()).toList());
    this.readableInHome = compile(readableGlobs.stream().filter(PathGlob::homeRelative).toList());
    this.secret = compile(secretPaths.stream().map(PathGlob::compile).toList());
  }

  /**
   * A path as written and as it resolves. {@code real} equals {@code lexical} when the file system was not asked, and
   * is null when the path cannot be resolved (its symlinks loop): nothing is allowed there.
   */
  public record ResolvedPath(String raw, Path lexical, Path real) {
    @Override
    public String toString() {
      if (real == null) {
        return lexical + " (-> symlinks that loop)";
      }
      return real.equals(lexical) ? lexical.toString() : lexical + " (-> " + real + ")";
    }
  }

  public Path workspace() {
    return workspace;
  }

  public Path home() {
    return home;
  }

  /**
   * Resolves {@code raw} as the shell would from {@code cwd}; null when it cannot be known statically
   * ({@code ~user}, a NUL byte) or {@code cwd} is unknown for a relative path.
   */
  public ResolvedPath resolve(String raw, Path cwd) {
    return new PathResolution(this).resolve(raw, cwd);
  }

  /** May the path be written or deleted? */
  public boolean writable(ResolvedPath path) {
    if (WRITABLE_DEVICES.contains(path.lexical())) {
      return true;
    }
    return path.real() != null && inRoots(path.lexical()) && inRoots(path.real());
  }

  /** May the path be read? */
  public boolean readable(ResolvedPath path) {
    if (secret(path)) {
      return false;
    }
    if (writable(path)) {
      return true;
    }
    return path.real() != null && readablePattern(path.lexical()) && (path.real().equals(path.lexical())
        || inRoots(path.real()) || readablePattern(path.real()));
  }

  private boolean readablePattern(Path path) {
    boolean inHome = home.getParent() != null && path.startsWith(home);
    return (inHome ? readableInHome : readable).matches(path);
  }

  /** Is the path (as written or as resolved) a secret location? */
  public boolean secret(ResolvedPath path) {
    return secret.matches(path.lexical()) || (path.real() != null && !path.real().equals(path.lexical())
        && secret.matches(path.real()));
  }

  /** Does any pattern of {@code group} match the path as written or as resolved? */
  boolean matches(PathGlob.Group group, ResolvedPath path) {
    PathPatterns patterns = compiled.get(group);
    if (patterns == null) {
      patterns = compiled.computeIfAbsent(group, g -> compile(g.globs()));
    }
    return patterns.matches(path.lexical()) || (path.real() != null && patterns.matches(path.real()));
  }

  private PathPatterns compile(List<PathGlob> globs) {
    return PathPatterns.of(globs, home, workspace);
  }

  private boolean inRoots(Path path) {
    if (path.startsWith(workspace) || path.startsWith(workspaceReal)) {
      return true;
    }
    for (Path root : allowRoots) {
      if (path.startsWith(root)) {
        return true;
      }
    }
    return false;
  }

  /** Only paths that could be allowed need the file system: lexically outside every root they are decided. */
  boolean needsRealPath(Path lexical) {
    return inRoots(lexical) || readablePattern(lexical);
  }

  Path expandHome(String raw) {
    try {
      if (raw.equals("~")) {
        return home;
      }
      if (raw.startsWith("~/")) {
        return home.resolve(raw.substring(2));
      }
      if (raw.startsWith("~")) {
        return null;
      }
      return Path.of(raw);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /**
   * Where {@code path} (absolute; {@code .} and {@code ..} may be in it) leads, walked as the kernel walks it: every
   * symlink is followed, a dangling one too (a file created through it lands at its target), each {@code ..} goes up
   * from the real directory reached so far, and the names after the first one that does not exist are appended as
   * written. Null when more than {@link #MAX_LINK_DEPTH} symlinks are met or one cannot be read: the kernel refuses
   * such a path too, and the jail allows nothing there.
   */
  static Path realPath(Path path) {
    // File.exists answers without throwing, and realpath(3) applies ".." after links as the kernel does
    if (path.toFile().exists()) {
      try {
        return path.toRealPath();
      } catch (IOException | SecurityException e) {
        // raced with a change, or a name cannot be read: walk it name by name
      }
    }
    Deque<Path> names = new ArrayDeque<>();
    path.forEach(names::addLast);
    Path current = path.getRoot();
    int links = 0;
    while (!names.isEmpty()) {
      Path name = names.removeFirst();
      String text = name.toString();
      if (text.equals(".")) {
        continue;
      }
      if (text.equals("..")) {
        current = current.getParent() == null ? current : current.getParent();
        continue;
      }
      Path next = current.resolve(name);
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(next, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException | SecurityException absent) {
        // nothing exists below a missing name yet: the rest is as written
        for (Path rest : names) {
          next = next.resolve(rest);
        }
        return next.normalize();
      }
      if (!attributes.isSymbolicLink()) {
        current = next;
        continue;
      }
      Path target;
      try {
        target = Files.readSymbolicLink(next);
      } catch (IOException | SecurityException unreadable) {
        return null;
      }
      if (++links > MAX_LINK_DEPTH) {
        return null;
      }
      List<Path> targetNames = new ArrayList<>();
      target.forEach(targetNames::add);
      for (int i = targetNames.size() - 1; i >= 0; i--) {
        names.addFirst(targetNames.get(i));
      }
      if (target.isAbsolute()) {
        current = target.getRoot();
      }
    }
    return current;
  }
}
