package dev.hotplex.jenkins;

import dev.hotplex.testkit.fakecli.FakeAgentCli;
import dev.hotplex.testkit.fakecli.FakeCliLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An agents folder whose {@code claude} is the test kit's fake Claude Code CLI (it speaks the real stream-json
 * protocol, answers {@code ECHO: <prompt>}, and misbehaves on {@code MODE:<mode>} prompts). Pipelines point the
 * daemon at it with {@code withEnv(["HOTPLEX_AGENTS_DIR=..."])}.
 */
final class FakeAgents {
  private FakeAgents() {}

  /** Creates {@code <dir>/claude/node_modules/.bin/claude} and returns {@code dir}. */
  static Path claude(Path dir) throws IOException {
    Path script = FakeCliLauncher.write(dir.resolve("bin"), FakeAgentCli.Mode.NORMAL);
    Path bin = Files.createDirectories(dir.resolve("claude/node_modules/.bin"));
    Files.createSymbolicLink(bin.resolve("claude"), script);
    return dir;
  }

  /** The Pipeline line that makes the daemon find the fake, with a short delay for {@code MODE:slow} turns. */
  static String env(Path agents, int slowTurnMillis) {
    return "withEnv(['HOTPLEX_AGENTS_DIR=" + agents + "', 'FAKE_CLI_DELAY_MS=" + slowTurnMillis + "'])";
  }

  /** True while a fake agent process runs on this machine. */
  static boolean running() {
    return ProcessHandle.allProcesses().anyMatch(process -> process.info().commandLine()
        .map(line -> line.contains(FakeAgentCli.class.getName())).orElse(false));
  }
}
