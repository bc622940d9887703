package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentsCommandTest {
  @TempDir Path temp;

  private CliHarness.Outcome run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = HotplexMain.commandLine(CliContext.withEnvironment(environment), new PrintWriter(out, true),
        new PrintWriter(err, true)).execute(args);
    return new CliHarness.Outcome(status, out.toString(), err.toString());
  }

  private static Path script(Path file, String body) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @Test
  void listShowsThePinnedPackageWhereTheCliIsAndItsVersion() throws IOException {
    Path agents = temp.resolve("agents");
    Path claude = script(agents.resolve("claude/node_modules/.bin/claude"), "echo '9.9.9 (Fake Code)'");

    CliHarness.Outcome outcome = run(Map.of("HOTPLEX_AGENTS_DIR", agents.toString(), "PATH", ""), "agents", "list");

    assertThat(outcome.status()).as(outcome.err()).isZero();
    assertThat(outcome.out()).containsPattern("claude +@anthropic-ai/claude-code@\\S+ +" + claude
        + " +9\\.9\\.9 \\(Fake Code\\)");
  }

  @Test
  void installRunsNpmWithThePinnedPackageIntoTheChosenFolder() throws IOException {
    Path bin = temp.resolve("bin");
    Path recorded = temp.resolve("npm-args");
    script(bin.resolve("npm"), "echo \"$@\" >> " + recorded);
    Path target = temp.resolve("target");

    CliHarness.Outcome outcome = run(Map.of("PATH", bin.toString()), "agents", "install", "claude", "--dir",
        target.toString());

    assertThat(outcome.status()).as(outcome.err()).isZero();
    assertThat(Files.readString(recorded).strip()).matches("install --prefix " + target.resolve("claude")
        + " --no-audit --no-fund @anthropic-ai/claude-code@[0-9.]+");
  }

  @Test
  void installOfAnUnknownAgentOrWithoutNpmSaysWhatToDo() {
    CliHarness.Outcome unknown = run(Map.of("PATH", ""), "agents", "install", "copilot");
    CliHarness.Outcome noNpm = run(Map.of("PATH", temp.toString()), "agents", "install", "claude", "--dir",
        temp.resolve("t").toString());

    assertThat(unknown.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(unknown.err()).contains("Unknown provider 'copilot'");
    assertThat(noNpm.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(noNpm.err()).contains("npm was not found on PATH");
  }

  @Test
  void everyAgentsCommandExplainsItselfWithHelp() {
    for (String[] args : new String[][] {{"agents", "--help"}, {"agents", "list", "--help"},
        {"agents", "install", "--help"}}) {
      CliHarness.Outcome outcome = run(Map.of("PATH", ""), args);

      assertThat(outcome.status()).as(String.join(" ", args)).isZero();
      assertThat(outcome.out()).as(String.join(" ", args)).contains("Usage: hotplex agents");
    }
  }

  @Test
  void failingNpmFailsTheCommand() throws IOException {
    Path bin = temp.resolve("bin");
    script(bin.resolve("npm"), "echo 'npm ERR! registry unreachable' >&2; exit 7");

    CliHarness.Outcome outcome = run(Map.of("PATH", bin.toString()), "agents", "install", "claude", "--dir",
        temp.resolve("t").toString());

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_ERROR);
    assertThat(outcome.err()).contains("npm failed with exit code 7");
  }
}
