package dev.hotplex.policy;

import dev.hotplex.policy.WorkspaceJail.ResolvedPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * The path resolutions of one policy decision. A path is resolved through the file system when it is first asked
 * for and remembered for the rest of this decision only: the agent can change links between two calls, not while
 * one call is decided.
 *
 * <p>Below the workspace, the workspace's real path is looked up once per decision, and a path is resolved from it
 * with one {@code lstat} per name below the workspace, up to the first name that does not exist. That gives what
 * {@link WorkspaceJail#realPath} gives (the real path of the longest existing prefix, the rest appended) without a
 * {@code realpath} over every name from the root and the existence checks around it. A symbolic link below the
 * workspace sends the path to {@link WorkspaceJail#realPath}, so links are followed exactly as there; so does a path
 * with a {@code ..} in it, as written.
 */
final class PathResolution {
  private final WorkspaceJail jail;
  /**
   * Real paths found in this decision (null: unresolvable), by lexical path, or as written for a path with a
   * {@code ..}; made when the first is found (most calls need none).
   */
  private Map<Path, Path> realPaths;
  private Path workspaceReal;
  private boolean workspaceLookedUp;

  PathResolution(WorkspaceJail jail) {
    this.jail = jail;
  }

  /**
   * The absolute path {@code raw} names from {@code cwd}, as written ({@code ..} kept: the kernel applies it after
   * following the links before it), without asking the file system; null when it cannot be known statically
   * ({@code ~user}, a NUL byte) or {@code cwd} is unknown for a relative path.
   */
  Path absolute(String raw, Path cwd) {
    Path expanded = jail.expandHome(raw);
    if (expanded == null || expanded.isAbsolute()) {
      return expanded;
    }
    return cwd == null ? null : cwd.resolve(expanded);
  }

  /** The {@link #absolute} path, normalized: what the path means when no link stands before a {@code ..}. */
  Path lexical(String raw, Path cwd) {
    Path absolute = absolute(raw, cwd);
    return absolute == null ? null : absolute.normalize();
  }

  /** {@code raw} as written, lexically and through symlinks; see {@link WorkspaceJail#resolve}. */
  ResolvedPath resolve(String raw, Path cwd) {
    Path absolute = absolute(raw, cwd);
    return absolute == null ? null : resolved(raw, absolute);
  }

  /** A path whose {@link #absolute} form is known, resolved through symlinks. */
  ResolvedPath resolved(String raw, Path absolute) {
    Path lexical = absolute.normalize();
    return new ResolvedPath(raw, lexical, jail.needsRealPath(lexical) ? realPath(absolute, lexical) : lexical);
  }

  private Path realPath(Path absolute, Path lexical) {
    if (realPaths == null) {
      realPaths = new HashMap<>();
    }
    // a ".." after a link leaves the lexical form behind: such a path is resolved, and remembered, as written
    boolean asWritten = hasParentName(absolute);
    Path key = asWritten ? absolute : lexical;
    if (realPaths.containsKey(key)) {
      return realPaths.get(key);
    }
    Path real = asWritten ? WorkspaceJail.realPath(absolute)
        : lexical.startsWith(jail.workspace()) ? belowWorkspace(lexical) : WorkspaceJail.realPath(lexical);
    realPaths.put(key, real);
    return real;
  }

  private static boolean hasParentName(Path path) {
    for (Path name : path) {
      if (name.toString().equals("..")) {
        return true;
      }
    }
    return false;
  }

  private Path belowWorkspace(Path lexical) {
    Path current = workspaceReal();
    if (current == null) {
      return WorkspaceJail.realPath(lexical);
    }
    int names = lexical.getNameCount();
    for (int i = jail.workspace().getNameCount(); i < names; i++) {
      Path next = current.resolve(lexical.getName(i));
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(next, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException | SecurityException absent) {
        // the longest existing prefix ends before this name; the rest stays as written
        return i + 1 < names ? next.resolve(lexical.subpath(i + 1, names)) : next;
      }
      if (attributes.isSymbolicLink()) {
        return WorkspaceJail.realPath(lexical);
      }
      current = next;
    }
    return current;
  }

  /** The workspace's real path now, or null when it cannot be found (then paths go the general way). */
  private Path workspaceReal() {
    if (!workspaceLookedUp) {
      workspaceLookedUp = true;
      try {
        workspaceReal = jail.workspace().toRealPath();
      } catch (IOException | SecurityException e) {
        workspaceReal = null;
      }
    }
    return workspaceReal;
  }
}
