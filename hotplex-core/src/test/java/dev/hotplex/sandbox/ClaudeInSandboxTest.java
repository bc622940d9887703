package dev.hotplex.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotplex.sandbox.SandboxProcesses.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Claude Code CLI starts inside the sandbox with only its workspace and a temp HOME writable. */
class ClaudeInSandboxTest {
  @TempDir Path workspace;
  @TempDir Path agentHome;

  @Test
  void claudeVersionRunsInsideTheSandbox() throws Exception {
    SandboxProcesses.assumeBwrapWorks();
    String agentsDir = System.getProperty("hotplex.agents.dir", "");
    Path claude = Path.of(agentsDir, "claude/node_modules/.bin/claude");
    assumeTrue(!agentsDir.isEmpty() && Files.isExecutable(claude),
        () -> "Claude Code is not installed at " + claude + " (scripts/install-agents)");
    Sandbox sandbox = Sandboxes.forMode(SandboxMode.REQUIRED);

    Run run = SandboxProcesses.run(sandbox.wrap(List.of(claude.toString(), "--version"), workspace,
        List.of(agentHome)), Map.of("HOME", agentHome.toString(), "DISABLE_AUTOUPDATER", "1",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1", "DISABLE_TELEMETRY", "1", "DISABLE_ERROR_REPORTING", "1"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("Claude Code");
  }
}
