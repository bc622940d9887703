package dev.hotplex.provider.acp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the configuration files hotplex owns for an agent CLI (in {@code ProviderFolders.configDir}). A file is
 * replaced atomically and only when its content changes, so a process already running (e.g. a pre-warmed one that
 * shares the folder) never reads a half-written file.
 */
public final class AgentConfigFiles {
  private AgentConfigFiles() {}

  /**
   * Makes {@code file} hold exactly {@code content}, creating its folder.
   *
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
        return;
      }
      Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("hotplex could not write the agent configuration file " + file
          + ": " + e.getMessage() + ". Make sure the folder is writable, or set another stateDir.", e);
    }
  }

  /** Creates {@code folder} (and its parents) if needed. */
  public static Path folder(Path folder) {
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("hotplex could not create the agent folder " + folder + ": " + e.getMessage()
          + ". Make sure its parent is writable, or set another stateDir.", e);
    }
  }
}
