package dev.hotplex;

import dev.hotplex.provider.ProviderRegistry;
import dev.hotplex.session.Session;
import dev.hotplex.session.SessionKey;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.session.SessionPool;
import java.time.Duration;
import java.util.UUID;

/**
 * The SDK's entry point.
 *
 * <pre>{@code
 * SessionOptions options = SessionOptions.builder().workDir(Path.of("repo")).addAllowedTools("Read").build();
 * try (Session session = Hotplex.session(options)) {
 *   TurnResult result = session.send("Summarise the README", System.out::println).await();
 *   TurnResult next = session.send("Now list its open questions", System.out::println).await(); // same process
 * }
 * }</pre>
 */
public final class Hotplex {
  private static final String STANDALONE_SCOPE = "standalone";

  private Hotplex() {}

  /**
   * A standalone warm session with the providers on the class path. It never idles out; closing it ends its agent.
   *
   * @throws dev.hotplex.session.AgentNotFoundException when the provider's CLI is not installed
   */
  public static Session session(SessionOptions options) {
    return session(options, ProviderRegistry.load());
  }

  /** A standalone warm session with the given providers. */
  public static Session session(SessionOptions options, ProviderRegistry providers) {
    // A one-session pool holds no threads or processes of its own: closing its session releases everything.
    SessionPool pool = SessionPool.builder().providers(providers).maxSessions(1).idleTimeout(Duration.ZERO).build();
    return pool.open(SessionKey.of(STANDALONE_SCOPE, UUID.randomUUID().toString()), options);
  }

  /** A builder for a pool of keyed sessions (see {@link SessionPool}). */
  public static SessionPool.Builder pool() {
    return SessionPool.builder();
  }
}
