package dev.hotplex.reliability;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotplex.sandbox.BwrapSandbox;
import dev.hotplex.sandbox.Sandbox;
import dev.hotplex.sandbox.SandboxMode;
import dev.hotplex.sandbox.SandboxUnavailableException;
import dev.hotplex.sandbox.Sandboxes;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.testkit.RealAgents;
import dev.hotplex.testkit.model.FakeModelServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Claude Code CLI against the test kit's fake model on 127.0.0.1, in a folder of its own: each session
 * gets a fresh workspace and agent HOME below it. Register it on a test class
 * ({@code @RegisterExtension final ClaudeRig rig = new ClaudeRig();}): it starts before each test and stops after,
 * and skips the test (with the install command) where the pinned CLI is missing.
 */
final class ClaudeRig implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
  /** The fake API key the agent gets; no real API is ever called. */
  static final String API_KEY = "sk-ant-api03-hotplex-reliability-not-a-real-key";
  /** Generous bound for anything a healthy agent does in one step, on a loaded two-core machine. */
  static final Duration STEP = Duration.ofSeconds(60);

  FakeModelServer model;
  Path claude;
  private Path dir;
  private int sessions;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    close();
  }

  /** Starts the fake model in a new folder; skips the calling test where Claude Code is not installed. */
  ClaudeRig start() throws IOException {
    assumeTrue(RealAgents.claude().isPresent(), RealAgents.NOT_INSTALLED);
    claude = RealAgents.claude().get();
    dir = Files.createTempDirectory("hotplex-reliability-");
    model = FakeModelServer.start();
    return this;
  }

  /** Options for a new session: the real CLI, this rig's model, a fresh workspace and HOME, Bash allowed. */
  SessionOptions.Builder options() throws IOException {
    Path session = Files.createDirectories(dir.resolve("session-" + (++sessions)));
    return SessionOptions.builder()
        .cliPath(claude)
        .workDir(Files.createDirectories(session.resolve("work")))
        .agentHome(Files.createDirectories(session.resolve("home")))
        .baseUrl(model.baseUrl())
        .environment("ANTHROPIC_API_KEY", API_KEY)
        .addAllowedTools("Bash")
        .turnTimeout(STEP)
        .interruptGrace(Duration.ofSeconds(5));
  }

  /** The agents folder, which a sandbox must keep visible (it may sit under the host's /tmp). */
  static Path agentsDir() {
    return Path.of(System.getProperty("hotplex.agents.dir", ".hotplex/agents"));
  }

  /** The bwrap sandbox as {@code --sandbox required} builds it, keeping the agents folder visible. */
  static Sandbox bwrap() {
    return Sandboxes.forMode(SandboxMode.REQUIRED, BwrapSandbox.builder().addReadOnlyBind(agentsDir()));
  }

  /** Skips the calling test, with bwrap's own reason, where the sandbox cannot run here. */
  static void assumeBwrap() {
    String problem = null;
    try {
      bwrap();
    } catch (SandboxUnavailableException e) {
      problem = e.getMessage();
    }
    String reason = problem;
    assumeTrue(reason == null, () -> "bwrap variant skipped: " + reason + " (.ci/run installs bubblewrap)");
  }

  /** Stops the fake model and deletes the folder (what the agents left in it included). */
  @Override
  public void close() throws IOException {
    if (model != null) {
      model.close();
      model = null;
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
      dir = null;
    }
  }
}
