package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotplexMainTest {
  @TempDir
  Path dir;

  @Test
  void versionNamesHotplexAndThePinnedClaudeCodeVersionFromThePom() throws Exception {
    String pom = Files.readString(Path.of(System.getProperty("hotplex.project.dir"), "pom.xml"));
    Matcher pinned = Pattern.compile("<claude.code.version>([^<]+)</claude.code.version>").matcher(pom);
    assertThat(pinned.find()).isTrue();

    CliHarness.Outcome outcome = new CliHarness(Map.of(), dir).run("--version");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.out()).startsWith("hotplex ").contains("Claude Code (pinned): " + pinned.group(1))
        .doesNotContain("${");
  }

  @Test
  void noCommandIsAUsageError() {
    CliHarness.Outcome outcome = new CliHarness(Map.of(), dir).run();

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(outcome.err()).contains("Missing command", "hotplex --help");
  }

  @Test
  void mistypedCommandSuggestsTheRightOne() {
    CliHarness.Outcome outcome = new CliHarness(Map.of(), dir).run("runn");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(outcome.err()).contains("Did you mean", "run");
  }

  @Test
  void topLevelHelpListsTheCommands() {
    CliHarness.Outcome outcome = new CliHarness(Map.of(), dir).run("--help");

    assertThat(outcome.out()).contains("run", "demo", "policy", "./hotplex demo");
  }

  @Test
  void policyAloneIsAUsageErrorNamingItsSubcommands() {
    CliHarness.Outcome outcome = new CliHarness(Map.of(), dir).run("policy");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(outcome.err()).contains("Missing subcommand: one of check", "hotplex policy --help");
  }

  @Test
  void policyCheckIsRegistered() {
    CliHarness.Outcome outcome = new CliHarness(Map.of(), dir).run("policy", "check", "--help");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.out()).contains("hotplex policy check", "--work-dir", "--command");
  }
}
