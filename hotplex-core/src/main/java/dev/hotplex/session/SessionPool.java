package dev.hotplex.session;

import dev.hotplex.provider.ProviderRegistry;
import dev.hotplex.transport.AgentThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warm agent sessions by key. {@link #open} returns the session for a key, creating it on first use; later opens
 * with the same key return the same warm session (with its original options).
 *
 * <pre>{@code
 * try (SessionPool pool = SessionPool.builder().idleTimeout(Duration.ofMinutes(5)).build()) {
 *   Session session = pool.open(SessionKey.of("build-42", "review"), options);
 *   TurnResult result = session.send("Review the diff", System.out::println).await();
 * }
 * }</pre>
 *
 * <p>Limits: at most {@code maxSessions} sessions; opening one more closes the least recently used idle session,
 * and fails with {@link PoolExhaustedException} when all are busy. A session without a turn for
 * {@code idleTimeout} is closed (never while a turn runs or waits).
 *
 * <p>Pre-warm: with {@code prewarm(true)} the pool keeps one standby agent process, spawned for the launch of the
 * last session opened. A new session whose first launch is equal to the standby's (same provider, CLI command line
 * after the sandbox wrap, working directory, environment and agent settings: in practice, equal options) takes it
 * over, so its process runs before its first {@code send}; the pool then spawns the next standby. A standby nobody
 * takes is closed after {@code idleTimeout}.
 */
public final class SessionPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionPool.class);

  /** Default idle timeout: 15 minutes. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);
  /** Default session limit: 64. */
  public static final int DEFAULT_MAX_SESSIONS = 64;
  /** How long {@link #close()} waits for all sessions (default 30 s; {@code hotplex.pool.closeTimeoutMs}). */
  public static final Duration CLOSE_TIMEOUT = Duration.ofMillis(Long.getLong("hotplex.pool.closeTimeoutMs", 30_000));

  private final ProviderRegistry providers;
  private final Duration idleTimeout;
  private final int maxSessions;
  private final Standby standby;
  private final Map<SessionKey, AgentSession> sessions = new LinkedHashMap<>();
  private boolean closed;

  private SessionPool(Builder builder) {
    this.providers = builder.providers != null ? builder.providers : ProviderRegistry.load();
    this.idleTimeout = builder.idleTimeout.isZero() ? null : builder.idleTimeout;
    this.maxSessions = builder.maxSessions;
    this.standby = builder.prewarm ? new Standby(idleTimeout) : null;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The session for {@code key}: the existing one, or a new one with {@code options} (its process starts at the
   * first turn, or at once from the pre-warmed standby).
   *
   * @throws AgentNotFoundException when the provider's CLI is not installed (the message says how to install it)
   * @throws IllegalArgumentException when the provider is unknown
   * @throws PoolExhaustedException when the pool is full and every session is busy
   * @throws SessionClosedException when the pool is closed
   */
  public Session open(SessionKey key, SessionOptions options) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(options, "options");
    AgentSession session;
    AgentSession evicted = null;
    LaunchPlan plan;
    synchronized (this) {
      requireOpen();
      AgentSession existing = sessions.get(key);
      if (existing != null && !existing.closed()) {
        return existing;
      }
      plan = LaunchPlan.resolve(providers.get(options.provider()), options);
      if (sessions.size() >= maxSessions) {
        evicted = claimLeastRecentlyUsedIdle();
        sessions.remove(evicted.key(), evicted);
      }
      session = new AgentSession(key, plan, idleTimeout, this::forget);
      sessions.put(key, session);
    }
    LOG.debug("Opened session {} (provider {})", key, options.provider());
    if (evicted != null) {
      LOG.info("Evicted idle session {}: the pool holds at most {} sessions", evicted.key(), maxSessions);
      evicted.shutDown();
    }
    if (standby != null) {
      prewarm(session, plan);
    }
    return session;
  }

  /** Hands the standby to {@code session} if it matches, then spawns the next standby for the same launch. */
  private void prewarm(AgentSession session, LaunchPlan plan) {
    LaunchPlan.Launch launch;
    try {
      launch = session.nextLaunch();
    } catch (RuntimeException e) {
      LOG.info("Cannot pre-warm for session {}: {}", session.key(), e.toString());
      return;
    }
    AgentProcess warm = standby.take(launch);
    if (warm != null) {
      session.adopt(warm);
    }
    standby.refill(plan, launch);
  }

  /** Marks the least recently used idle session closed (it takes no more turns) and returns it. */
  private AgentSession claimLeastRecentlyUsedIdle() {
    List<AgentSession> byAge = new ArrayList<>(sessions.values());
    byAge.sort(Comparator.comparingLong(AgentSession::lastUsedNanos));
    for (AgentSession candidate : byAge) {
      if (candidate.claimIfIdle()) {
        return candidate;
      }
    }
    throw new PoolExhaustedException("The session pool is full: all " + sessions.size() + " sessions (maxSessions "
        + maxSessions + ") are running turns. Wait for a turn to end, close a session, or raise maxSessions.");
  }

  private void requireOpen() {
    if (closed) {
      throw new SessionClosedException("The session pool is closed; create a new pool.");
    }
  }

  private synchronized void forget(AgentSession session) {
    sessions.remove(session.key(), session);
  }

  /** The open session for {@code key}, if any. */
  public synchronized Optional<Session> find(SessionKey key) {
    AgentSession session = sessions.get(key);
    return session == null || session.closed() ? Optional.empty() : Optional.of(session);
  }

  /** The open sessions. */
  public synchronized Collection<Session> sessions() {
    return List.copyOf(sessions.values());
  }

  /** The pre-warmed standby's pid, if one runs (always empty without pre-warm). */
  public Optional<Long> standbyPid() {
    return standby == null ? Optional.empty() : standby.pid();
  }

  /** Closes the session for {@code key}, if there is one (see {@link Session#close()}). */
  public void close(SessionKey key) {
    AgentSession session;
    synchronized (this) {
      session = sessions.get(key);
    }
    if (session != null) {
      session.close();
    }
  }

  /** Closes every session and the standby, in parallel, waiting at most {@link #CLOSE_TIMEOUT}. Idempotent. */
  @Override
  public void close() {
    List<AgentSession> open;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      open = new ArrayList<>(sessions.values());
    }
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (AgentSession session : open) {
      closing.add(CompletableFuture.runAsync(session::close, AgentThreads.worker()));
    }
    if (standby != null) {
      closing.add(CompletableFuture.runAsync(standby::close, AgentThreads.worker()));
    }
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
          .get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.info("Closing the session pool took longer than {}; some agents may still be stopping", CLOSE_TIMEOUT);
    } catch (ExecutionException e) {
      LOG.info("Closing a session failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Builds a {@link SessionPool}. */
  public static final class Builder {
    private ProviderRegistry providers;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private int maxSessions = DEFAULT_MAX_SESSIONS;
    private boolean prewarm;

    private Builder() {}

    /** The providers to use (default {@link ProviderRegistry#load()}). */
    public Builder providers(ProviderRegistry value) {
      providers = Objects.requireNonNull(value, "providers");
      return this;
    }

    /** Close sessions after this long without a turn (default 15 minutes); {@link Duration#ZERO} means never. */
    public Builder idleTimeout(Duration value) {
      if (value == null || value.isNegative()) {
        throw new IllegalArgumentException("idleTimeout must be positive, or zero for never, not " + value);
      }
      idleTimeout = value;
      return this;
    }

    /** The most sessions at once (default 64). */
    public Builder maxSessions(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxSessions must be at least 1, not " + value);
      }
      maxSessions = value;
      return this;
    }

    /** Keep one agent process spawned ahead for the next new session (default off). */
    public Builder prewarm(boolean value) {
      prewarm = value;
      return this;
    }

    public SessionPool build() {
      return new SessionPool(this);
    }
  }
}
