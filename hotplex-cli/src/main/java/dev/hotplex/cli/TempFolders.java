package dev.hotplex.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Cleanup of the temporary folders the commands create (the agent's throw-away HOME). */
public final class TempFolders {
  private TempFolders() {}

  /** Deletes {@code root} and everything below it, as far as possible; null is ignored. */
  public static void deleteQuietly(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A leftover temp folder is harmless and the OS (or the CI runner) cleans it up; the outcome matters more.
    }
  }
}
