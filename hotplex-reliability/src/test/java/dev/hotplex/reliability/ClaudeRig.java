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

/**
 * The real Claude Code CLI against the test kit's fake model on 127.0.0.1, in a folder of its own: each session
 * gets a fresh workspace and agent HOME below it. Tests that need it call {@link #start}, which skips them (with
 * the install command) where the pinned CLI is missing.
 */
final class ClaudeRig implements AutoCloseable {
  /** The fake API key the agent gets; no real API is ever called. */
  static final String API_KEY = "sk-ant-api03-hotplex-reliability-not-a-real-key";
  /** Generous bound for anything a healthy agent does in one step, on a loaded two-core machine. */
  static final Duration STEP = Duration.ofSeconds(60);

  final FakeModelServer model;
  final Path claude;
  private final Path dir;
  private int sessions;

  private ClaudeRig(Path dir, Path claude) {
    this.dir = dir;
    this.claude = claude;
    this.model = FakeModelServer.start();
  }

  /** Starts the fake model; skips the calling test where Claude Code is not installed. */
  static ClaudeRig start(Path dir) {
    assumeTrue(RealAgents.claude().isPresent(), RealAgents.NOT_INSTALLED);
    return new ClaudeRig(dir, RealAgents.claude().get());
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

  @Override
  public void close() {
    model.close();
  }
}
