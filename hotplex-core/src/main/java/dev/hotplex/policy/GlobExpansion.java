package dev.hotplex.policy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands shell wildcards in a path the way the shell will ({@code cat ~/.a?s/cred*} reads
 * {@code ~/.aws/credentials}), so that secret and jail checks see the files a pattern reaches, not only its
 * literal text. Dot files match too, which errs on the side of checking more.
 */
final class GlobExpansion {
  /** Most files one pattern expands to before the rest are ignored; override with {@code hotplex.policy.globLimit}. */
  static final int LIMIT = Integer.getInteger("hotplex.policy.globLimit", 256);

  private GlobExpansion() {}

  static boolean hasWildcards(String text) {
    return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
  }

  /** The existing paths an absolute, normalized pattern matches (at most {@link #LIMIT}). */
  static List<Path> expand(Path pattern) {
    int names = pattern.getNameCount();
    int first = 0;
    while (first < names && !hasWildcards(pattern.getName(first).toString())) {
      first++;
    }
    // one existence check covers the names before the first wildcard
    Path start = first == 0 ? pattern.getRoot() : pattern.getRoot().resolve(pattern.subpath(0, first));
    if (!Files.exists(start)) {
      return List.of();
    }
    List<Path> current = new ArrayList<>(List.of(start));
    for (int i = first; i < names && !current.isEmpty(); i++) {
      String name = pattern.getName(i).toString();
      PathMatcher matcher = hasWildcards(name) ? FileSystems.getDefault().getPathMatcher("glob:" + name) : null;
      List<Path> next = new ArrayList<>();
      for (Path dir : current) {
        if (matcher == null) {
          Path child = dir.resolve(name);
          if (Files.exists(child)) {
            next.add(child);
          }
        } else {
          addMatches(dir, matcher, next);
        }
      }
      current = next;
    }
    return current;
  }

  private static void addMatches(Path dir, PathMatcher matcher, List<Path> matches) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (matches.size() >= LIMIT) {
          break;
        }
        if (matcher.matches(entry.getFileName())) {
          matches.add(entry);
        }
      }
    } catch (IOException | SecurityException e) {
      // unreadable or not a directory: the shell would not expand here either
    }
  }
}
