package dev.hotplex.server;

import dev.hotplex.sandbox.ParentWatch;
import dev.hotplex.session.SessionKey;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.session.SessionPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The daemon's sessions by id and by key ({@code scope/name}). Creating a session whose key exists returns the
 * existing one (with its original options): that is how a client re-uses a warm session by name. Sessions run
 * with {@link ParentWatch}, so their agents die with the daemon.
 */
final class DaemonSessions {
  private static final Pattern ID = Pattern.compile("ses_[0-9a-f]{16}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A session and whether this call created it. */
  record Opened(DaemonSession session, boolean created) {}

  private final SessionPool pool;
  private final Path sessionsDir;
  private final Map<String, DaemonSession> byId = new LinkedHashMap<>();
  private final Map<SessionKey, DaemonSession> byKey = new LinkedHashMap<>();
  private final Map<Path, TurnLog> orphans = new LinkedHashMap<>();

  DaemonSessions(SessionPool pool, Path stateDir) {
    this.pool = pool;
    this.sessionsDir = stateDir.resolve("sessions");
  }

  /** The session for the request's key: the existing one or a new one. */
  synchronized Opened open(SessionRequest request) throws IOException {
    String id = newId();
    SessionKey key = SessionKey.of(request.scope(), request.name() != null ? request.name() : id);
    DaemonSession existing = byKey.get(key);
    if (existing != null) {
      return new Opened(existing, false);
    }
    Path directory = Files.createDirectories(sessionsDir.resolve(id));
    try {
      SessionOptions options = request.options().toBuilder()
          .stateDir(request.options().stateDir() != null ? request.options().stateDir()
              : Files.createDirectories(directory.resolve("agent")))
          .sandbox(ParentWatch.aroundThisProcess(request.options().sandbox()))
          .build();
      DaemonSession session = new DaemonSession(id, key, options, directory, pool);
      // Fails here (400/503) rather than at the first turn when the CLI is missing.
      session.openAudit(pool.open(key, session.options()).secretMasker());
      byId.put(id, session);
      byKey.put(key, session);
      return new Opened(session, true);
    } catch (IOException | RuntimeException rejected) {
      // A refused request leaves nothing behind: no agent, no session folder.
      pool.close(key);
      deleteQuietly(directory);
      throw rejected;
    }
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // An empty folder left in the state dir is harmless; the error the client gets matters more.
    }
  }

  private static String newId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return "ses_" + HexFormat.of().formatHex(bytes);
  }

  /** The session with this id, or a 404 naming it. */
  synchronized DaemonSession get(String id) {
    DaemonSession session = byId.get(id);
    if (session == null) {
      throw Http.notFound("No session '" + id + "' in this daemon. List them with GET /v1/sessions.");
    }
    return session;
  }

  synchronized Optional<DaemonSession> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  synchronized List<DaemonSession> all() {
    return List.copyOf(byId.values());
  }

  /** Closes the session's agent and forgets the session (its turn logs stay on disk). */
  void close(String id) {
    DaemonSession session;
    synchronized (this) {
      session = get(id);
      byId.remove(id);
      byKey.remove(session.key());
    }
    session.close();
  }

  /**
   * The log of a turn of a session this daemon does not know (left by an earlier daemon), if it is on disk.
   * Such a log is complete: a turn cut short by the daemon's end gets an error result when loaded.
   */
  synchronized Optional<TurnLog> orphanLog(String sessionId, int turn) throws IOException {
    if (!ID.matcher(sessionId).matches()) {
      return Optional.empty(); // also keeps ids like ../.. out of the path
    }
    Path file = DaemonSession.turnFile(sessionsDir, sessionId, turn);
    TurnLog cached = orphans.get(file);
    if (cached != null) {
      return Optional.of(cached);
    }
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    TurnLog loaded = TurnLog.load(file);
    orphans.put(file, loaded);
    return Optional.of(loaded);
  }

  /** Number of sessions with a live agent. */
  int liveAgents() {
    return pool.sessions().size();
  }
}
