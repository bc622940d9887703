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
public final class TempFolder implements AutoCloseable {
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
  public static TempFolder create(String prefix, String purpose) {
    return create(Path.of(System.getProperty("java.io.tmpdir")), prefix, purpose);
  }

  /**
   * A new folder under {@code parent} whose name starts with {@code prefix}.
   *
   * @param purpose what it is for, for the error message
   * @throws UncheckedIOException when it cannot be created
   */
  public static TempFolder create(Path parent, String prefix, String purpose) {
    try {
      return new TempFolder(Files.createTempDirectory(parent, prefix));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for " + purpose + " under " + parent + ": "
          + e.getMessage(), e);
    }
  }

  public Path path() {
    return path;
  }

  /** Deletes the folder and everything in it, as far as possible. */
  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(path)) {
      paths.sorted(Comparator.reverseOrder()).forEach(each -> each.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A leftover temp folder is harmless and the OS cleans it up; the run's outcome matters more.
    }
  }
}
