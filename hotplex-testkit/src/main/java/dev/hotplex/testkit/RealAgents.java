package dev.hotplex.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where tests find the real agent CLIs: the project-local install folder named by the system property
 * {@code hotplex.agents.dir} (surefire sets it to {@code <project>/.hotplex/agents}; {@code .ci/run} installs the
 * pinned CLIs there with {@code scripts/install-agents}).
 */
public final class RealAgents {
  /** Why a real-CLI test was skipped, for {@code Assumptions.assumeTrue(..., message)}. */
  public static final String NOT_INSTALLED =
      "the pinned Claude Code CLI is not installed: run scripts/install-agents claude (CI does this)";

  private RealAgents() {}

  /** The installed {@code claude} executable, if any. */
  public static Optional<Path> claude() {
    return installed("claude", "claude");
  }

  /** The installed executable of a provider ({@code <agents dir>/<providerId>/node_modules/.bin/<executable>}), if any. */
  public static Optional<Path> installed(String providerId, String executable) {
    String agentsDir = System.getProperty("hotplex.agents.dir", "");
    if (agentsDir.isEmpty()) {
      return Optional.empty();
    }
    Path binary = Path.of(agentsDir, providerId, "node_modules", ".bin", executable);
    return Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
  }
}
