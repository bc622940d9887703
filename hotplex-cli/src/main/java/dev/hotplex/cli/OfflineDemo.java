package dev.hotplex.cli;

import dev.hotplex.session.SessionOptions;
import dev.hotplex.testkit.model.FakeModelServer;
import dev.hotplex.testkit.model.ModelScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code --demo} model: the test kit's scripted model server on 127.0.0.1, with a throw-away HOME for the
 * agent. It calls no real AI, and says so: its banner and every answer are labelled.
 */
final class OfflineDemo implements AutoCloseable {
  /** What the demo allows when no --allowed-tools are given: enough for its scripted {@code ls} and {@code cat}. */
  static final String ALLOWED_TOOLS_TEXT = "Bash(ls:*),Bash(cat:*),Read,Glob,Grep";
  static final List<String> ALLOWED_TOOLS = List.of(ALLOWED_TOOLS_TEXT.split(","));
  /** Stands in for the API key; the demo model accepts anything. Not a secret. */
  static final String PLACEHOLDER_KEY = "hotplex-offline-demo";

  private final FakeModelServer server;
  private final Path home;

  private OfflineDemo(FakeModelServer server, Path home) {
    this.server = server;
    this.home = home;
  }

  /** Starts the demo model on a free loopback port and makes the agent's HOME. */
  static OfflineDemo start() {
    Path home;
    try {
      home = Files.createTempDirectory("hotplex-demo-home-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary HOME for the demo agent", e);
    }
    return new OfflineDemo(FakeModelServer.start(ModelScript.demo()), home);
  }

  String baseUrl() {
    return server.baseUrl();
  }

  /** The line that tells the user no real AI is involved. */
  String banner(boolean ascii) {
    return "[demo] offline demo model at " + baseUrl() + (ascii ? " - " : " — ") + "no real AI is called";
  }

  /** The agent's throw-away HOME, deleted on close. */
  Path home() {
    return home;
  }

  /** Points the session at the demo model, with a placeholder key. */
  void configure(SessionOptions.Builder options, String apiKeyVariable) {
    options.baseUrl(baseUrl()).environment(apiKeyVariable, PLACEHOLDER_KEY);
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      TempFolders.deleteQuietly(home);
    }
  }
}
