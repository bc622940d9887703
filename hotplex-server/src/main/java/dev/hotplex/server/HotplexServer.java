package dev.hotplex.server;

import dev.hotplex.provider.ProviderRegistry;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.session.SessionPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hotplex daemon: warm agent sessions over HTTP (REST, SSE, WebSocket and an OpenCode-compatible API) on a
 * loopback address or a Unix socket, behind a bearer token.
 *
 * <pre>{@code
 * try (HotplexServer server = HotplexServer.builder()
 *     .listen(new InetSocketAddress("127.0.0.1", 0))
 *     .stateDir(Path.of("/var/lib/hotplex"))
 *     .idleExit(Duration.ofMinutes(30))
 *     .build()
 *     .start()) {
 *   System.out.println(server.endpoint());
 *   server.awaitStop();
 * }
 * }</pre>
 *
 * <p>On start it loads or generates the token (file mode 0600), then writes the discovery file
 * {@code <stateDir>/daemon.json}. On stop (including a JVM shutdown) it closes every session, which ends every
 * agent's process group, and removes the discovery file. After a {@code kill -9} the agents end by themselves
 * ({@link dev.hotplex.sandbox.ParentWatch}).
 */
public final class HotplexServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HotplexServer.class);
  /** Server threads (default 256; {@code hotplex.server.maxThreads}); each event stream holds one. */
  public static final int MAX_THREADS = Integer.getInteger("hotplex.server.maxThreads", 256);
  /** How often the idle-exit check runs. */
  static final Duration IDLE_CHECK_INTERVAL = Duration.ofMillis(Long.getLong("hotplex.server.idleCheckMs", 500));
  /** Where the daemon keeps its state unless told otherwise: {@code ~/.hotplex/daemon}. */
  public static final Path DEFAULT_STATE_DIR = Path.of(System.getProperty("user.home"), ".hotplex", "daemon");

  private final Builder config;
  private final SessionPool pool;
  private final ServerContext context;
  private final Server jetty;
  private final ExecutorService streamThreads = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "hotplex-ws-stream");
    thread.setDaemon(true);
    return thread;
  });
  private final ScheduledExecutorService idleCheck = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "hotplex-idle-exit");
    thread.setDaemon(true);
    return thread;
  });
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Thread shutdownHook = new Thread(this::stop, "hotplex-daemon-shutdown");
  private final String token;
  private Discovery discovery;
  private String endpoint;

  private HotplexServer(Builder config) throws IOException {
    this.config = config;
    Files.createDirectories(config.stateDir);
    Files.setPosixFilePermissions(config.stateDir, PosixFilePermissions.fromString("rwx------"));
    Discovery.requireNoLiveDaemon(config.stateDir);
    this.token = TokenAuth.loadOrCreate(config.tokenFile);
    this.pool = SessionPool.builder().providers(config.providers).idleTimeout(config.sessionIdleTimeout)
        .maxSessions(config.maxSessions).build();
    this.context = new ServerContext(new DaemonSessions(pool, config.stateDir), config.sessionDefaults,
        this::stopSoon);
    this.jetty = new Server(new QueuedThreadPool(MAX_THREADS, 8, 60_000));
    jetty.setStopTimeout(2_000);
    if (config.socket != null) {
      UnixDomainServerConnector connector = new UnixDomainServerConnector(jetty);
      connector.setUnixDomainPath(config.socket);
      jetty.addConnector(connector);
    } else {
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost(config.listen.getAddress().getHostAddress());
      connector.setPort(config.listen.getPort());
      jetty.addConnector(connector);
    }
    jetty.setHandler(Routes.create(jetty, context, token, streamThreads));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds, writes the discovery file and starts the idle-exit check.
   *
   * @throws IOException when the address or socket cannot be bound or the state folder cannot be written
   */
  public HotplexServer start() throws IOException {
    try {
      jetty.start();
    } catch (Exception e) {
      pool.close();
      throw new IOException("The daemon could not start on " + (config.socket != null ? config.socket
          : config.listen) + ": " + e.getMessage(), e);
    }
    if (config.socket != null) {
      Files.setPosixFilePermissions(config.socket, PosixFilePermissions.fromString("rw-------"));
      endpoint = "unix:" + config.socket.toAbsolutePath();
    } else {
      NetworkConnector connector = (NetworkConnector) jetty.getConnectors()[0];
      String host = config.listen.getAddress().getHostAddress();
      endpoint = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort();
    }
    discovery = Discovery.write(config.stateDir, endpoint, config.tokenFile);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    context.clientEntered(); // the idle time counts from now
    context.clientLeft();
    if (!config.idleExit.isZero()) {
      long every = IDLE_CHECK_INTERVAL.toMillis();
      idleCheck.scheduleWithFixedDelay(() -> {
        if (context.idleFor(config.idleExit)) {
          LOG.info("No sessions or clients for {}: the daemon exits", config.idleExit);
          stop();
        }
      }, every, every, TimeUnit.MILLISECONDS);
    }
    LOG.info("hotplex daemon listening on {}", endpoint);
    return this;
  }

  /** Where clients connect: {@code http://127.0.0.1:PORT} or {@code unix:/path}. */
  public String endpoint() {
    return endpoint;
  }

  /** The discovery file ({@code <stateDir>/daemon.json}). */
  public Path discoveryFile() {
    return config.stateDir.resolve(Discovery.FILE_NAME);
  }

  public Path tokenFile() {
    return config.tokenFile;
  }

  public Path stateDir() {
    return config.stateDir;
  }

  /** Stops: closes every session (ending the agents), the listener and the discovery file. Idempotent. */
  public void stop() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    try {
      idleCheck.shutdown(); // not shutdownNow: the idle check itself may be what calls stop()
      context.streams().interruptAll();
      pool.close();
      if (discovery != null) {
        discovery.remove();
      }
      jetty.stop();
    } catch (Exception e) {
      LOG.info("Stopping the daemon's listener failed", e);
    } finally {
      streamThreads.shutdownNow();
      removeShutdownHook();
      stopped.countDown();
    }
  }

  /** Stops from another thread, so that the request asking for it still gets its answer. */
  private void stopSoon() {
    Thread stopper = new Thread(this::stop, "hotplex-daemon-stop");
    stopper.setDaemon(false);
    stopper.start();
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException alreadyRunningOrNeverAdded) {
      // nothing to undo
    }
  }

  /** Blocks until the daemon stopped (by {@link #stop()}, idle exit or JVM shutdown). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** True once the daemon stopped. */
  public boolean stopped() {
    return stopped.getCount() == 0;
  }

  @Override
  public void close() {
    stop();
  }

  /** Configures a {@link HotplexServer}. */
  public static final class Builder {
    private InetSocketAddress listen;
    private Path socket;
    private Path stateDir = DEFAULT_STATE_DIR;
    private Path tokenFile;
    private Duration idleExit = Duration.ZERO;
    private ProviderRegistry providers;
    private Duration sessionIdleTimeout = SessionPool.DEFAULT_IDLE_TIMEOUT;
    private int maxSessions = SessionPool.DEFAULT_MAX_SESSIONS;
    private SessionOptions sessionDefaults;

    private Builder() {}

    /**
     * Listens on a loopback address (port 0 picks a free one).
     *
     * @throws IllegalArgumentException for a non-loopback address: the daemon never listens on the network
     */
    public Builder listen(InetSocketAddress address) {
      if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
        throw new IllegalArgumentException("The daemon listens on loopback only (127.0.0.1 or ::1), not "
            + address + ". Use --socket for a Unix socket, or an SSH tunnel to reach it from elsewhere.");
      }
      listen = address;
      socket = null;
      return this;
    }

    /** Listens on a Unix domain socket at {@code path} (mode 0600) instead of TCP. */
    public Builder socket(Path path) {
      socket = path.toAbsolutePath();
      listen = null;
      return this;
    }

    /** Where the discovery file, the default token file and the turn logs live (default ~/.hotplex/daemon). */
    public Builder stateDir(Path dir) {
      stateDir = dir.toAbsolutePath();
      return this;
    }

    /** The token file; generated (0600) when it does not exist (default {@code <stateDir>/token}). */
    public Builder tokenFile(Path file) {
      tokenFile = file.toAbsolutePath();
      return this;
    }

    /** Exit after this long without live sessions or clients; zero (the default) never exits by itself. */
    public Builder idleExit(Duration value) {
      if (value == null || value.isNegative()) {
        throw new IllegalArgumentException("idleExit must be positive, or zero for never, not " + value);
      }
      idleExit = value;
      return this;
    }

    /** The providers (default: those on the class path). */
    public Builder providers(ProviderRegistry value) {
      providers = Objects.requireNonNull(value, "providers");
      return this;
    }

    /** How long an agent without turns stays warm (default {@link SessionPool#DEFAULT_IDLE_TIMEOUT}). */
    public Builder sessionIdleTimeout(Duration value) {
      sessionIdleTimeout = Objects.requireNonNull(value, "sessionIdleTimeout");
      return this;
    }

    /** The most sessions at once (default {@link SessionPool#DEFAULT_MAX_SESSIONS}). */
    public Builder maxSessions(int value) {
      maxSessions = value;
      return this;
    }

    /**
     * What sessions get unless their request says otherwise: the agent CLI path, its HOME, environment and
     * sandbox, which clients cannot set (default: {@link SessionOptions#builder()} as is). Its permission handler
     * is not used: each session's comes from its request's tool lists and policy.
     */
    public Builder sessionDefaults(SessionOptions value) {
      sessionDefaults = Objects.requireNonNull(value, "sessionDefaults");
      return this;
    }

    /**
     * Builds the daemon (reads or creates the token; binds nothing yet).
     *
     * @throws IOException when the state folder or token file cannot be prepared
     */
    public HotplexServer build() throws IOException {
      if (listen == null && socket == null) {
        throw new IllegalArgumentException("Give the daemon an address: listen(127.0.0.1:PORT) or socket(PATH).");
      }
      if (tokenFile == null) {
        tokenFile = stateDir.resolve("token");
      }
      if (providers == null) {
        providers = ProviderRegistry.load();
      }
      if (sessionDefaults == null) {
        sessionDefaults = SessionOptions.builder().build();
      }
      try {
        return new HotplexServer(this);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
  }
}
