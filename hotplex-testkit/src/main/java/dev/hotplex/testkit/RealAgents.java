package dev.hotplex.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where tests find the real agent CLIs: the project-local install folder named by the system property
 * {@code hotplex.agents.dir} (surefire sets it to {@code <project>/.hotplex/agents}; {@code .ci/run} installs the
 * pinned CLIs there with {@code scripts/install-agents}).
 *
 * <p>Where the environment variable {@code HOTPLEX_REQUIRE_AGENTS} is {@code true} ({@code .ci/run} sets it), a
 * missing CLI fails the test instead of skipping it, so a broken install can never pass as green.
 */
public final class RealAgents {
  /** Why a real-CLI test was skipped, for {@code Assumptions.assumeTrue(..., message)}. */
  public static final String NOT_INSTALLED = notInstalled("claude");

  private RealAgents() {}

  /** The installed {@code claude} executable, if any. */
  public static Optional<Path> claude() {
    return installed("claude", "claude");
  }

  /**
   * The installed executable of the agent {@code id} (claude, codex, opencode, gemini), if any.
   *
   * @throws IllegalStateException when it is missing and {@code HOTPLEX_REQUIRE_AGENTS=true}
   */
  public static Optional<Path> installed(String id, String executable) {
    String agentsDir = System.getProperty("hotplex.agents.dir", "");
    Optional<Path> binary = agentsDir.isEmpty() ? Optional.empty()
        : Optional.of(Path.of(agentsDir, id, "node_modules", ".bin", executable)).filter(Files::isExecutable);
    if (binary.isEmpty() && Boolean.parseBoolean(System.getenv("HOTPLEX_REQUIRE_AGENTS"))) {
      throw new IllegalStateException("HOTPLEX_REQUIRE_AGENTS is set but " + notInstalled(id)
          + " (looked in " + (agentsDir.isEmpty() ? "no folder: hotplex.agents.dir is unset" : agentsDir) + ")");
    }
    return binary;
  }

  /** Why a test of the real agent {@code id} was skipped. */
  public static String notInstalled(String id) {
    return "the pinned " + id + " CLI is not installed: run scripts/install-agents " + id + " (CI does this)";
  }
}
