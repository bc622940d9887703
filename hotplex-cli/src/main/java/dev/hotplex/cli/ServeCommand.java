package dev.hotplex.cli;

import dev.hotplex.server.HotplexServer;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.session.SessionPool;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hotplex serve}: the session daemon, on loopback or a Unix socket, behind a bearer token. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Runs the hotplex daemon: warm agent sessions over HTTP (REST, SSE, WebSocket and an OpenCode-compatible"
            + " API), for the Jenkins plugin, 'hotplex send' and other clients on this machine.",
        "Every request needs 'Authorization: Bearer <token>'; the token is read from --token-file, or generated"
            + " into it (mode 0600) when the file does not exist. The token is never printed.",
        "The daemon writes <state-dir>/daemon.json (endpoint, pid, token file) so that clients can find it, and"
            + " stops every agent when it exits (even after kill -9). See docs/daemon.md."},
    footer = {"", "Examples:",
        "  hotplex serve --listen 127.0.0.1:7777",
        "  hotplex serve --listen 127.0.0.1:0 --state-dir /var/lib/hotplex --idle-exit 30m",
        "  hotplex serve --socket /run/hotplex/hotplex.sock"})
final class ServeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Address address;

  static final class Address {
    @Option(names = "--listen", paramLabel = "HOST:PORT", required = true,
        description = "A loopback address (127.0.0.1 or [::1]) and port; port 0 picks a free one.")
    String listen;

    @Option(names = "--socket", paramLabel = "PATH", required = true,
        description = "A Unix domain socket (mode 0600) instead of TCP.")
    Path socket;
  }

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Where the discovery file, the default token file and the turn logs live"
          + " (default: ~/.hotplex/daemon).")
  Path stateDir = HotplexServer.DEFAULT_STATE_DIR;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "The bearer token file; generated (0600) when missing (default: <state-dir>/token).")
  Path tokenFile;

  @Option(names = "--idle-exit", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Exit after this long without live sessions or connected clients, like 30m"
          + " (default: never).")
  Duration idleExit;

  @Option(names = "--session-idle", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop an agent after this long without a turn; its next turn resumes the conversation"
          + " (default: 15m).")
  Duration sessionIdle = SessionPool.DEFAULT_IDLE_TIMEOUT;

  @Option(names = "--max-sessions", paramLabel = "N",
      description = "The most sessions at once (default: " + SessionPool.DEFAULT_MAX_SESSIONS + ").")
  int maxSessions = SessionPool.DEFAULT_MAX_SESSIONS;

  @Option(names = "--agent-home", paramLabel = "DIR",
      description = "The HOME the agents get (their config and transcripts); default: this user's.")
  Path agentHome;

  @Mixin
  SandboxOption sandbox;

  @Mixin
  EnvironmentOptions environmentOptions;

  @Override
  public Integer call() throws Exception {
    HotplexServer.Builder builder = HotplexServer.builder().stateDir(stateDir).sessionIdleTimeout(sessionIdle)
        .maxSessions(maxSessions);
    if (address.socket != null) {
      builder.socket(address.socket);
    } else {
      builder.listen(loopback(address.listen));
    }
    if (tokenFile != null) {
      builder.tokenFile(tokenFile);
    }
    if (idleExit != null) {
      builder.idleExit(idleExit);
    }
    SessionOptions.Builder defaults = SessionOptions.builder().sandbox(sandbox.sandbox());
    environmentOptions.applyTo(defaults, System.getenv());
    if (agentHome != null) {
      if (!Files.isDirectory(agentHome)) {
        throw usage("--agent-home " + agentHome + " is not a directory; create it first");
      }
      defaults.agentHome(agentHome.toAbsolutePath());
    }
    builder.sessionDefaults(defaults.build());
    HotplexServer server = builder.build().start();
    PrintWriter out = spec.commandLine().getOut();
    out.println("hotplex daemon listening on " + server.endpoint());
    out.println("discovery file: " + server.discoveryFile());
    out.println("token file: " + server.tokenFile());
    out.flush();
    server.awaitStop();
    return HotplexMain.EXIT_OK;
  }

  /** {@code 127.0.0.1:7777} or {@code [::1]:7777}; anything but loopback is a usage error. */
  private InetSocketAddress loopback(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw usage("--listen needs HOST:PORT, like 127.0.0.1:7777, not '" + text + "'");
    }
    String host = text.substring(0, colon).replaceAll("^\\[|]$", "");
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw usage("--listen port must be a number, not '" + text.substring(colon + 1) + "'");
    }
    try {
      InetAddress address = InetAddress.getByName(host);
      if (!address.isLoopbackAddress()) {
        throw usage("--listen must be a loopback address (127.0.0.1 or [::1]), not " + host
            + ": the daemon never listens on the network. Use an SSH tunnel to reach it from elsewhere.");
      }
      return new InetSocketAddress(address, port);
    } catch (UnknownHostException e) {
      throw usage("--listen host '" + host + "' is unknown; use 127.0.0.1");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
