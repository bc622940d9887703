package dev.hotplex.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.client.HotplexClient;
import dev.hotplex.event.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A {@link ReliabilityDaemon} in its own JVM on 127.0.0.1, its log in a file, and a client for it. */
final class DaemonProcess implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(60);
  /** The discovery file the daemon writes once it listens (docs/daemon.md). */
  private static final String DISCOVERY_FILE = "daemon.json";

  final Path dir;
  final Path log;
  final HotplexClient client;
  private final Process process;
  private final Path view;

  private DaemonProcess(Path dir, Path log, Process process, Path view, HotplexClient client) {
    this.dir = dir;
    this.log = log;
    this.process = process;
    this.view = view;
    this.client = client;
  }

  /**
   * Starts a daemon whose state and agent HOME live under {@code dir}.
   *
   * @param environment added to this JVM's environment (e.g. the agents' API key and secrets)
   * @param secretVariables variables of {@code environment} the agents get as declared secrets
   * @param debug log at debug level, to scan the most talkative log
   */
  static DaemonProcess start(Path dir, Path cli, String sandbox, Map<String, String> environment,
      List<String> secretVariables, boolean debug) throws IOException, InterruptedException {
    return start(dir, cli, sandbox, environment, secretVariables, debug, List.of());
  }

  /**
   * Like {@link #start(Path, Path, String, Map, List, boolean)}, with the JVM's command line behind
   * {@code wrapper} (e.g. a private mount namespace with a tiny disk under the state folder; see {@link #view}).
   */
  static DaemonProcess start(Path dir, Path cli, String sandbox, Map<String, String> environment,
      List<String> secretVariables, boolean debug, List<String> wrapper) throws IOException, InterruptedException {
    Path state = dir.resolve("state");
    Path home = Files.createDirectories(dir.resolve("home"));
    List<String> command = new ArrayList<>(wrapper);
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path")));
    if (debug) {
      command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
    }
    command.add("-Dhotplex.agents.dir=" + ClaudeRig.agentsDir());
    command.addAll(List.of(ReliabilityDaemon.class.getName(), state.toString(), home.toString(), cli.toString(),
        sandbox));
    command.addAll(secretVariables);
    // A daemon killed with SIGKILL leaves its discovery file; the new one writes its own.
    Files.deleteIfExists(state.resolve(DISCOVERY_FILE));
    Path log = dir.resolve("daemon-" + System.nanoTime() + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    Path view = wrapper.isEmpty() ? Path.of("/") : Path.of("/proc", Long.toString(process.pid()), "root");
    long deadline = System.nanoTime() + START.toNanos();
    while (!Files.exists(state.resolve(DISCOVERY_FILE))) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("the daemon did not start: " + Files.readString(log, StandardCharsets.UTF_8));
      }
      Thread.sleep(50);
    }
    return new DaemonProcess(dir, log, process, view, HotplexClient.discover(state));
  }

  /** {@code path} as this daemon sees it: through {@code /proc/<pid>/root} when it has its own mount namespace. */
  Path view(Path path) {
    return view.resolve(path.toAbsolutePath().toString().substring(1));
  }

  long pid() {
    return process.pid();
  }

  /** The bearer token (from the 0600 token file). */
  String token() throws IOException {
    return Files.readString(dir.resolve("state").resolve("token"), StandardCharsets.UTF_8).strip();
  }

  /**
   * Creates a session from a raw {@code POST /v1/sessions} body (for fields the Java client does not offer, like
   * {@code policy} and {@code includePartialMessages}); returns its id.
   */
  String createSession(ObjectNode body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(client.endpoint() + "/v1/sessions"))
        .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
        .timeout(START).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("POST /v1/sessions answered " + response.statusCode() + ": "
          + response.body());
    }
    return EventJson.mapper().readTree(response.body()).path("id").asText();
  }

  /** SIGKILL: no shutdown hook, no clean-up code runs. */
  void killNine() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** What the daemon printed so far. */
  String logText() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** Stops the daemon as a service manager would (SIGTERM), then makes sure. */
  @Override
  public void close() throws InterruptedException {
    client.close();
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
