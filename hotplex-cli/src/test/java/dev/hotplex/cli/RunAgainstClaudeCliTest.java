package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.EventJson;
import dev.hotplex.event.TurnResult;
import dev.hotplex.testkit.RealAgents;
import dev.hotplex.testkit.model.FakeModelServer;
import dev.hotplex.testkit.model.ModelReply;
import dev.hotplex.testkit.model.ModelScript;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotplex run} in-process against the real Claude Code CLI and the test kit's model server on loopback. Skipped
 * when the pinned CLI is not installed (scripts/install-agents claude).
 */
@Timeout(180)
class RunAgainstClaudeCliTest {
  private static final Map<String, String> FAKE_KEY = Map.of("ANTHROPIC_API_KEY", "sk-fake-for-tests");
  private static final String FIRST = "Look around this repository.";
  private static final String SECOND = "What did you find in your first answer?";

  @TempDir
  Path temp;
  private Path workDir;
  private Path home;

  @BeforeEach
  void requireClaudeAndCopyTheSampleRepo() throws IOException {
    assumeTrue(RealAgents.claude().isPresent(), RealAgents.NOT_INSTALLED);
    Path sample = Path.of(System.getProperty("hotplex.project.dir"), DemoCommand.SAMPLE_REPO);
    workDir = Files.createDirectories(temp.resolve("repo"));
    try (Stream<Path> files = Files.list(sample)) {
      for (Path file : files.toList()) {
        Files.copy(file, workDir.resolve(file.getFileName()));
      }
    }
    home = Files.createDirectories(temp.resolve("home"));
  }

  @AfterEach
  void leavesNoProcessBehind() throws InterruptedException {
    for (int i = 0; i < 100 && ProcessHandle.current().descendants().findAny().isPresent(); i++) {
      Thread.sleep(100);
    }
    assertThat(ProcessHandle.current().descendants().map(p -> p.info().commandLine().orElse("?"))).isEmpty();
  }

  private CliHarness.Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = HotplexMain.commandLine(CliContext.withEnvironment(FAKE_KEY), new PrintWriter(out, true),
        new PrintWriter(err, true)).execute(args);
    return new CliHarness.Outcome(status, out.toString(), err.toString());
  }

  private List<String> runArgs(FakeModelServer model, String... tail) {
    List<String> args = new ArrayList<>(List.of("run", "--base-url", model.baseUrl(), "--work-dir",
        workDir.toString(), "--agent-home", home.toString(), "--timeout", "2m"));
    args.addAll(List.of(tail));
    return args;
  }

  @Test
  void twoPromptsShareOneSessionAndEachEndsWithASuccessfulResult() {
    try (FakeModelServer model = FakeModelServer.start(ModelScript.demo())) {
      CliHarness.Outcome outcome = run(runArgs(model, "--json", "--allowed-tools", "Bash(ls:*),Bash(cat:*)",
          FIRST, SECOND).toArray(String[]::new));

      assertThat(outcome.status()).as(outcome.err()).isEqualTo(HotplexMain.EXIT_OK);
      List<AgentEvent> events = outcome.out().lines().map(EventJson::fromJson).toList();
      List<TurnResult> results = events.stream().filter(TurnResult.class::isInstance)
          .map(TurnResult.class::cast).toList();
      assertThat(results).hasSize(2).allSatisfy(result -> assertThat(result.isError()).isFalse());
      assertThat(events.get(events.size() - 1)).isInstanceOf(TurnResult.class);
      assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(
          AgentEvents.ToolDecision.class, decision -> assertThat(decision.allowed()).isTrue()));
      String firstAnswer = results.get(0).text();
      assertThat(firstAnswer).isNotBlank();
      assertThat(model.messageRequests()).filteredOn(request -> request.lastUserTextContains(SECOND))
          .isNotEmpty()
          .allSatisfy(request -> assertThat(request.contains(firstAnswer)).isTrue());
    }
  }

  @Test
  void modelApiErrorFailsTheRunAndSaysWhy() {
    try (FakeModelServer model = FakeModelServer.start(new ModelScript()
        .when(request -> true).reply(ModelReply.invalidRequest("scripted outage for the CLI test")))) {
      CliHarness.Outcome outcome = run(runArgs(model, FIRST, SECOND).toArray(String[]::new));

      assertThat(outcome.status()).as(outcome.out() + outcome.err()).isEqualTo(HotplexMain.EXIT_TURN_FAILED);
      assertThat(outcome.out()).contains("turn 1: FAILED", "scripted outage for the CLI test");
      assertThat(outcome.out()).doesNotContain("prompt 2 of 2");
      assertThat(outcome.err()).contains("the remaining 1 prompt(s) did not run");
    }
  }

  @Test
  void deniedCallIsAuditedAndSummarisedInsideARequiredSandbox() throws IOException {
    Path auditFile = temp.resolve("audit.jsonl");
    try (FakeModelServer model = FakeModelServer.start(new ModelScript()
        .when(request -> request.lastUserTextContains("RUNTOOL")).once()
        .reply(ModelReply.bash("rm -rf /etc", "clean up")))) {
      CliHarness.Outcome outcome = run(runArgs(model, "--sandbox", "required", "--audit-log", auditFile.toString(),
          "--allowed-tools", "Bash", "please RUNTOOL").toArray(String[]::new));

      assertThat(outcome.status()).as(outcome.err()).isEqualTo(HotplexMain.EXIT_OK);
      assertThat(outcome.out()).contains("rm -rf /etc");
      assertThat(Files.readAllLines(auditFile)).singleElement().satisfies(line -> assertThat(line)
          .contains("\"decision\":\"deny\"").contains("rm -rf /etc"));
      assertThat(outcome.err()).contains("1 denied").contains("audit log: " + auditFile);
    }
  }

  @Test
  void demoRunsOfflineAndShowsTheDecisionAndTheSummary() {
    CliHarness.Outcome outcome = run("demo", "--work-dir", workDir.toString());

    assertThat(outcome.status()).as(outcome.out() + outcome.err()).isEqualTo(HotplexMain.EXIT_OK);
    assertThat(outcome.err()).contains("[demo] offline demo model at http://127.0.0.1:", "no real AI is called");
    assertThat(outcome.out()).contains("▶ Bash: ls -1  ✔ allowed (tools.allowed)", "turn 1: ok", "turn 2: ok",
        ModelScript.DEMO_LABEL);
  }
}
