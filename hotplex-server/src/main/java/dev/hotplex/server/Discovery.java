package dev.hotplex.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/**
 * The discovery file {@code <state>/daemon.json} that lets a client on the same machine find a running daemon:
 * {@code {"endpoint":"http://127.0.0.1:PORT" | "unix:/path", "pid":N, "tokenFile":"/abs/path", "startedAt":...}}.
 * It never holds the token itself. It is written atomically (a temp file moved into place), readable only by the
 * owner, and removed when the daemon stops.
 */
final class Discovery {
  static final String FILE_NAME = "daemon.json";

  private final Path file;
  private final long pid;

  private Discovery(Path file, long pid) {
    this.file = file;
    this.pid = pid;
  }

  static Discovery write(Path stateDir, String endpoint, Path tokenFile) throws IOException {
    long pid = ProcessHandle.current().pid();
    ObjectNode json = Http.MAPPER.createObjectNode()
        .put("endpoint", endpoint)
        .put("pid", pid)
        .put("tokenFile", tokenFile.toAbsolutePath().toString())
        .put("startedAt", Instant.now().toString());
    Path file = stateDir.resolve(FILE_NAME);
    Path temp = Files.createTempFile(stateDir, FILE_NAME, ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temp, json.toPrettyString() + "\n", StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return new Discovery(file, pid);
  }

  /**
   * Fails when another live daemon already uses {@code stateDir} (its discovery file names a running pid): two
   * daemons would overwrite each other's discovery file and turn logs.
   */
  static void requireNoLiveDaemon(Path stateDir) throws IOException {
    Path file = stateDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return;
    }
    JsonNode json;
    try {
      json = Http.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException unreadable) {
      return; // a torn file from a crash: the new daemon replaces it
    }
    long pid = json.path("pid").asLong(-1);
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      throw new IOException("Another hotplex daemon (pid " + pid + ", " + json.path("endpoint").asText()
          + ") already uses the state folder " + stateDir + ". Stop it, connect to it, or use another --state-dir.");
    }
  }


  /** Removes the file if it still describes this daemon (a newer daemon may have replaced it). */
  void remove() {
    try {
      if (Files.exists(file)) {
        JsonNode json = Http.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        if (json.path("pid").asLong() == pid) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      // Best effort at exit: a stale file names a dead pid, which clients detect.
    }
  }
}
