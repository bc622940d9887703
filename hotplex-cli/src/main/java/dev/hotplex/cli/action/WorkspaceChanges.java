package dev.hotplex.cli.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the agent changed in the checkout, found with git without touching the user's index or history: the whole
 * working tree (untracked files too, ignored ones not) is written as a tree object through a private index before
 * the agent runs and again after it; the difference of the two trees is the agent's work.
 */
final class WorkspaceChanges {
  /** One changed file: {@code status} A, M or D; {@code mode} and {@code blob} are those of the new version. */
  record Change(String path, char status, String mode, String blob) {
    boolean deleted() {
      return status == 'D';
    }
  }

  private final Git git;
  private final Path indexFile;
  private final List<String> excluded;

  /**
   * @param excluded paths relative to the repository root that never count as changes (the patch file itself)
   */
  WorkspaceChanges(Git git, Path tempDir, List<String> excluded) {
    try {
      this.indexFile = Files.createTempFile(tempDir, "hotplex-index-", "");
      Files.delete(indexFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary git index in " + tempDir, e);
    }
    this.git = git.with(Map.of("GIT_INDEX_FILE", indexFile.toString()));
    this.excluded = List.copyOf(excluded);
  }

  /** The commit checked out. */
  String head() {
    return git.text("rev-parse", "--verify", "HEAD^{commit}");
  }

  /** The tree of the commit checked out. */
  String headTree() {
    return git.text("rev-parse", "--verify", "HEAD^{tree}");
  }

  /** Writes the working tree as it is now into the object store and returns the tree's id. */
  String snapshot() {
    try {
      git.bytes("read-tree", "HEAD");
      List<String> add = new ArrayList<>(List.of("add", "--all", "--", "."));
      excluded.forEach(path -> add.add(":(exclude,literal)" + path));
      git.bytes(add.toArray(String[]::new));
      return git.text("write-tree");
    } finally {
      try {
        Files.deleteIfExists(indexFile);
      } catch (IOException e) {
        // a stale temporary index is harmless: the next snapshot starts with read-tree
      }
    }
  }

  /** The files that differ between two trees, renames as delete plus add. */
  List<Change> between(String before, String after) {
    String raw = new String(git.bytes("diff-tree", "-r", "-z", "--no-renames", before, after),
        StandardCharsets.UTF_8);
    // Records: ":<old mode> <new mode> <old blob> <new blob> <status>\0<path>\0"
    List<Change> changes = new ArrayList<>();
    String[] fields = raw.split("\0");
    for (int i = 0; i + 1 < fields.length; i += 2) {
      String[] meta = fields[i].substring(1).split(" ");
      changes.add(new Change(fields[i + 1], meta[4].charAt(0), meta[1], meta[3]));
    }
    return changes;
  }

  /** A patch from {@code before} to {@code after} that {@code git apply} takes, binary files included. */
  byte[] patch(String before, String after) {
    return git.bytes("diff", "--binary", "--full-index", "--no-color", "--no-ext-diff", before, after);
  }

  /** The content of a blob. */
  byte[] blob(String id) {
    return git.bytes("cat-file", "blob", id);
  }
}
