package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir
  Path projectDir;

  @Test
  void demoRunsTheTwoFixedPromptsOnTheSampleRepoAndPrintsTheEquivalentCommand() throws Exception {
    Path sampleRepo = Files.createDirectories(projectDir.resolve(DemoCommand.SAMPLE_REPO));
    CliHarness cli = new CliHarness(Map.of(), projectDir);

    CliHarness.Outcome outcome = cli.run("demo");

    assertThat(outcome.status()).as(outcome.err()).isZero();
    assertThat(cli.sessions).hasSize(1);
    assertThat(cli.sessions.get(0).prompts).containsExactlyElementsOf(DemoCommand.PROMPTS);
    assertThat(cli.opened.get(0).workDir()).isEqualTo(sampleRepo.toAbsolutePath().normalize());
    assertThat(outcome.err()).containsSubsequence(
        "[hotplex] The demo is the same as: hotplex run --demo --work-dir ",
        "--allowed-tools 'Bash(ls:*),Bash(cat:*),Read,Glob,Grep' 'Look around this repository",
        "[demo] offline demo model at http://127.0.0.1:",
        "export ANTHROPIC_API_KEY=", "without --demo");
  }

  @Test
  void demoWithoutTheSampleRepoSaysWhereToRunIt() {
    CliHarness.Outcome outcome = new CliHarness(Map.of(), projectDir).run("demo");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(outcome.err()).contains("was not found", "./hotplex demo", "--work-dir");
  }

  @Test
  void shellWordsQuoteOnlyWhatNeedsIt() {
    assertThat(DemoCommand.shellWords(List.of("run", "--work-dir", "a b", "it's", "Bash(ls:*)")))
        .isEqualTo("run --work-dir 'a b' 'it'\\''s' 'Bash(ls:*)'");
  }
}
