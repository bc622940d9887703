package dev.hotplex.server;

import dev.hotplex.client.HotplexClient;
import dev.hotplex.client.SessionSpec;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.testkit.fakecli.FakeAgentCli;
import dev.hotplex.testkit.fakecli.FakeCliLauncher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A daemon on 127.0.0.1 (ephemeral port) in a temp folder, whose sessions run the real Claude provider against
 * the test kit's fake Claude CLI (which echoes prompts; {@code MODE:slow} / {@code MODE:hang} prompts delay).
 */
final class DaemonFixture implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** How long a {@code MODE:slow} turn waits before its text and result. */
  static final int SLOW_TURN_MS = 1500;

  final Path dir;
  final HotplexServer server;
  final HotplexClient client;
  final String token;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  DaemonFixture(Path dir) throws IOException {
    this(dir, HotplexServer.builder());
  }

  DaemonFixture(Path dir, HotplexServer.Builder builder) throws IOException {
    this.dir = dir;
    this.server = builder.listen(new InetSocketAddress("127.0.0.1", 0)).stateDir(dir.resolve("state"))
        .sessionDefaults(sessionDefaults(dir)).build().start();
    this.token = Files.readString(server.tokenFile(), StandardCharsets.UTF_8).strip();
    this.client = HotplexClient.discover(server.stateDir());
  }

  /** Defaults that run the fake CLI with an isolated HOME. */
  static SessionOptions sessionDefaults(Path dir) throws IOException {
    Path cli = FakeCliLauncher.write(dir.resolve("bin"), FakeAgentCli.Mode.NORMAL);
    return SessionOptions.builder().cliPath(cli).agentHome(Files.createDirectories(dir.resolve("home")))
        .environment("FAKE_CLI_DELAY_MS", Integer.toString(SLOW_TURN_MS)).environment("FAKE_CLI_ARGV_FILE", argvFile(dir).toString()).build();
  }

  /** Where the fake CLI appends each process's arguments, one JSON array per line. */
  static Path argvFile(Path dir) {
    return dir.resolve("argv.jsonl");
  }

  Path workDir() throws IOException {
    return Files.createDirectories(dir.resolve("work"));
  }

  SessionSpec spec(String name) throws IOException {
    return SessionSpec.named(name).workDir(workDir());
  }

  URI uri(String path) {
    return URI.create(server.endpoint() + path);
  }

  HttpRequest.Builder authorized(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).header("Authorization", "Bearer " + token);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(authorized(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return http.send(authorized(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    server.close();
  }
}
