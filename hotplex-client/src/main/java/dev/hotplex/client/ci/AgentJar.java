package dev.hotplex.client.ci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The hotplex jar on a build agent, copied once and checked by its SHA-256: a CI plugin ships the jar, and before
 * starting a daemon it asks {@link #isInstalled} on the agent; only when that is false does it copy the bytes to a
 * temporary file next to the target and {@link #promote} it, which checks the hash and then moves the file into
 * place atomically. A daemon already running from the old file keeps its open copy.
 */
public final class AgentJar {
  /** The jar's file name in its folder. */
  public static final String FILE_NAME = "hotplex.jar";

  private AgentJar() {}

  /** The SHA-256 of a stream's bytes, in lower-case hex; reads the stream to its end. */
  public static String sha256(InputStream in) throws IOException {
    return Sha256.of(in);
  }

  /** True when {@code jar} exists and has this SHA-256. */
  public static boolean isInstalled(Path jar, String sha256) throws IOException {
    if (!Files.isRegularFile(jar)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(jar)) {
      return sha256(in).equals(sha256);
    }
  }

  /**
   * Moves a freshly copied {@code candidate} to {@code target} if it has the expected hash.
   *
   * @throws IOException naming both hashes when the copy is not the expected jar (it is deleted)
   */
  public static void promote(Path candidate, Path target, String sha256) throws IOException {
    String actual;
    try (InputStream in = Files.newInputStream(candidate)) {
      actual = sha256(in);
    }
    if (!actual.equals(sha256)) {
      Files.deleteIfExists(candidate);
      throw new IOException("The copy of the hotplex jar at " + candidate + " has SHA-256 " + actual + ", not the "
          + "expected " + sha256 + "; the copy was damaged. Run the build again.");
    }
    try {
      Files.move(candidate, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(candidate, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
