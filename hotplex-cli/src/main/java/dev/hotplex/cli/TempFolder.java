package dev.hotplex.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private temporary folder ({@link Files#createTempDirectory} makes it mode 0700 on POSIX) that is deleted, with
 * everything in it, on close.
 */
final class TempFolder implements AutoCloseable {
  private final Path path;

  private TempFolder(Path path) {
    this.path = path;
  }

  /**
   * A new folder under {@code java.io.tmpdir} whose name starts with {@code prefix}.
   *
   * @param purpose what it is for, for the error message
   * @throws UncheckedIOException when it cannot be created
   */
  static TempFolder create(String prefix, String purpose) {
    try {
      return new TempFolder(Files.createTempDirectory(prefix));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for " + purpose + " under "
          + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
    }
  }

  Path path() {
    return path;
  }

  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(path)) {
      paths.sorted(Comparator.reverseOrder()).forEach(each -> each.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A leftover temp folder is harmless and the OS cleans it up; the run's outcome matters more.
    }
  }
}
