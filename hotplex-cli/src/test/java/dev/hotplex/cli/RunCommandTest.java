package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.EventJson;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.PermissionHandler;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import dev.hotplex.session.AgentNotFoundException;
import dev.hotplex.session.SessionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  private static final Map<String, String> WITH_KEY = Map.of("ANTHROPIC_API_KEY", "sk-test-secret");

  @TempDir
  Path workDir;

  private CliHarness cli(Map<String, String> environment) {
    return new CliHarness(environment, workDir);
  }

  private CliHarness.Outcome run(CliHarness cli, String... args) {
    return cli.run(args);
  }

  @Test
  void missingApiKeyFailsBeforeAnythingStartsAndPointsAtDemo() {
    CliHarness cli = cli(Map.of());

    CliHarness.Outcome outcome = run(cli, "run", "--work-dir", workDir.toString(), "hello");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(outcome.err()).contains("ANTHROPIC_API_KEY is not set", "export ANTHROPIC_API_KEY=", "--demo");
    assertThat(cli.opened).isEmpty();
  }

  @Test
  void secretEnvDeclaresTheVariablesValueASecretAndAnUnsetOneIsAUsageError() {
    CliHarness cli = cli(Map.of("ANTHROPIC_API_KEY", "sk-test-secret", "GITHUB_TOKEN", "ghp_fake_token_value"));

    CliHarness.Outcome outcome = run(cli, "run", "--work-dir", workDir.toString(), "--secret-env", "GITHUB_TOKEN",
        "hello");
    CliHarness.Outcome unset = run(cli, "run", "--work-dir", workDir.toString(), "--secret-env", "NOT_SET", "hi");

    assertThat(outcome.status()).isZero();
    assertThat(cli.opened.get(0).secrets()).contains("ghp_fake_token_value", "sk-test-secret");
    assertThat(cli.opened.get(0).environment()).doesNotContainKey("GITHUB_TOKEN");
    assertThat(unset.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(unset.err()).contains("--secret-env NOT_SET", "not set");
  }

  @Test
  void passEnvGivesTheAgentTheVariableAndTogetherWithSecretEnvItIsMaskedToo() {
    CliHarness cli = cli(Map.of("ANTHROPIC_API_KEY", "sk-test-secret", "MAVEN_OPTS", "-Xmx1g",
        "NPM_TOKEN", "npm_fake_token_value"));

    CliHarness.Outcome outcome = run(cli, "run", "--work-dir", workDir.toString(), "--pass-env", "MAVEN_OPTS",
        "--pass-env", "NPM_TOKEN", "--secret-env", "NPM_TOKEN", "hello");
    CliHarness.Outcome unset = run(cli, "run", "--work-dir", workDir.toString(), "--pass-env", "NOT_SET", "hi");

    assertThat(outcome.status()).as(outcome.err()).isZero();
    assertThat(cli.opened.get(0).environment()).containsEntry("MAVEN_OPTS", "-Xmx1g")
        .containsEntry("NPM_TOKEN", "npm_fake_token_value");
    assertThat(cli.opened.get(0).secrets()).contains("npm_fake_token_value").doesNotContain("-Xmx1g");
    assertThat(unset.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(unset.err()).contains("--pass-env NOT_SET", "not set");
    assertThat(cli.opened).hasSize(1);
  }

  @Test
  void auditLogThatCannotBeWrittenDeniesTheCallAndFailsTheRun() {
    CliHarness cli = cli(WITH_KEY).opener(options -> new ScriptedSession(options, prompt -> {
      PermissionDecision decision = options.permissionHandler().decide(shell("ls", workDir));
      assertThat(decision).isInstanceOf(PermissionDecision.Deny.class);
      return ScriptedSession.echo(prompt);
    }));

    // /dev/full accepts the open and fails every write with "No space left on device".
    CliHarness.Outcome outcome = run(cli, "run", "--work-dir", workDir.toString(), "--allowed-tools", "Bash",
        "--audit-log", "/dev/full", "list the files");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_ERROR);
    assertThat(outcome.err()).contains("1 tool-call decision(s) could not be written to the audit log",
        "No space left on device", "the run fails");
  }

  @Test
  void baseUrlNeedsNoKey() {
    CliHarness cli = cli(Map.of());

    CliHarness.Outcome outcome = run(cli, "run", "--work-dir", workDir.toString(), "--base-url",
        "http://127.0.0.1:9/", "hello");

    assertThat(outcome.status()).isZero();
    assertThat(cli.opened.get(0).baseUrl()).isEqualTo("http://127.0.0.1:9");
  }

  @Test
  void badTimeoutIsAUsageErrorShowingTheAcceptedForms() {
    CliHarness cli = cli(WITH_KEY);

    CliHarness.Outcome outcome = run(cli, "run", "--timeout", "10", "hello");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(outcome.err()).contains("--timeout", "'10' is not a duration", "90s", "PT10M",
        "Try 'hotplex run --help'");
    assertThat(cli.opened).isEmpty();
  }

  @Test
  void baseUrlWithApiVersionIsRejectedWithTheRootToUse() {
    CliHarness.Outcome outcome = run(cli(WITH_KEY), "run", "--base-url", "http://127.0.0.1:8080/v1", "hello");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(outcome.err()).contains("--base-url http://127.0.0.1:8080 ");
  }

  @Test
  void unknownProviderIsAUsageErrorNamingTheKnownOnes() {
    CliHarness.Outcome outcome = run(cli(WITH_KEY), "run", "--provider", "gpt-pilot", "hello");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(outcome.err()).contains("Unknown provider 'gpt-pilot'", "claude");
  }

  @Test
  void malformedToolPatternIsAUsageError() {
    CliHarness cli = cli(WITH_KEY);

    CliHarness.Outcome outcome = run(cli, "run", "--work-dir", workDir.toString(), "--allowed-tools",
        "Bash(git diff:*", "hello");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(outcome.err()).contains("bad tool pattern", "Bash(git diff:*");
    assertThat(cli.opened).isEmpty();
  }

  @Test
  void missingWorkDirIsAUsageError() {
    CliHarness.Outcome outcome = run(cli(WITH_KEY), "run", "--work-dir", workDir.resolve("nope").toString(), "hi");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(outcome.err()).contains("is not a directory");
  }

  @Test
  void demoAndBaseUrlTogetherAreAUsageError() {
    CliHarness.Outcome outcome = run(cli(Map.of()), "run", "--demo", "--base-url", "http://127.0.0.1:1", "hi");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(outcome.err()).contains("--demo", "--base-url");
  }

  @Test
  void missingPromptIsAUsageError() {
    CliHarness.Outcome outcome = run(cli(WITH_KEY), "run");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(outcome.err()).contains("PROMPT");
  }

  @Test
  void optionsReachTheSessionAndTheKeyIsPassedAsASecret() {
    CliHarness cli = cli(WITH_KEY);

    CliHarness.Outcome outcome = run(cli, "run", "--work-dir", workDir.toString(),
        "--allowed-tools", "Read,Bash(git diff:*)", "--allowed-tools", "Grep", "--disallowed-tools", "Bash(rm:*)",
        "--model", "claude-test", "--permission-mode", "plan", "--max-turns", "7", "--timeout", "1h30m",
        "--append-system-prompt", "Be brief.", "--agent-home", workDir.toString(), "hello");

    assertThat(outcome.status()).as(outcome.err()).isZero();
    SessionOptions options = cli.opened.get(0);
    assertThat(options.workDir()).isEqualTo(workDir.toAbsolutePath().normalize());
    assertThat(options.allowedTools()).containsExactly("Read,Bash(git diff:*)", "Grep");
    assertThat(options.disallowedTools()).containsExactly("Bash(rm:*)");
    assertThat(options.model()).isEqualTo("claude-test");
    assertThat(options.permissionMode()).isEqualTo("plan");
    assertThat(options.maxTurns()).isEqualTo(7);
    assertThat(options.turnTimeout()).isEqualTo(Duration.ofMinutes(90));
    assertThat(options.appendSystemPrompt()).isEqualTo("Be brief.");
    assertThat(options.agentHome()).isEqualTo(workDir);
    assertThat(options.environment()).containsEntry("ANTHROPIC_API_KEY", "sk-test-secret");
    assertThat(options.secrets()).contains("sk-test-secret");
    assertThat(outcome.out() + outcome.err()).doesNotContain("sk-test-secret");
  }

  private static ToolCall shell(String command, Path cwd) {
    return new ToolCall("claude", "Bash", "t1", ToolKind.SHELL, command, List.of(), List.of(),
        EventJson.mapper().createObjectNode().put("command", command), cwd);
  }

  @Test
  void everyCallAlsoPassesTheShippedPolicyEvenWhenItsToolIsAllowed() {
    CliHarness cli = cli(WITH_KEY);

    CliHarness.Outcome outcome = run(cli, "run", "--work-dir", workDir.toString(), "--allowed-tools", "Bash",
        "hello");

    assertThat(outcome.status()).isZero();
    PermissionHandler handler = cli.opened.get(0).permissionHandler();
    assertThat(handler.decide(shell("ls -1", workDir))).isInstanceOf(PermissionDecision.Allow.class);
    assertThat(handler.decide(shell("rm -rf /", workDir))).isInstanceOf(PermissionDecision.Deny.class);
    assertThat(handler.decide(new ToolCall("claude", "Read", "t2", ToolKind.READ, null, List.of("README.md"),
        List.of(), null, workDir))).as("not in --allowed-tools").isInstanceOf(PermissionDecision.Deny.class);
  }

  @Test
  void policyFileRulesApplyOnTopOfTheDefaults() throws Exception {
    Path policy = Files.writeString(workDir.resolve("policy.yaml"), """
        version: 1
        rules:
          - id: team.no-make-deploy
            decision: deny
            reason: Deploys run in the release pipeline only.
            match:
              commands: [make]
              subcommands: [deploy]
        """);
    CliHarness cli = cli(WITH_KEY);

    CliHarness.Outcome outcome = run(cli, "run", "--work-dir", workDir.toString(), "--allowed-tools", "Bash",
        "--policy", policy.toString(), "hello");

    assertThat(outcome.status()).as(outcome.err()).isZero();
    PermissionDecision decision = cli.opened.get(0).permissionHandler().decide(shell("make deploy", workDir));
    assertThat(decision).isInstanceOf(PermissionDecision.Deny.class);
    assertThat(decision.rule()).isEqualTo("team.no-make-deploy");
  }

  @Test
  void brokenPolicyFileIsAUsageErrorBeforeAnythingStarts() throws Exception {
    Path policy = Files.writeString(workDir.resolve("policy.yaml"), "version: 1\nrules: [\n");
    CliHarness cli = cli(WITH_KEY);

    CliHarness.Outcome outcome = run(cli, "run", "--work-dir", workDir.toString(), "--policy", policy.toString(),
        "hello");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(outcome.err()).contains("policy.yaml");
    assertThat(cli.opened).isEmpty();
  }

  @Test
  void promptsRunInOrderInOneSessionThatIsClosedAfterwards() {
    CliHarness cli = cli(WITH_KEY);

    CliHarness.Outcome outcome = run(cli, "run", "--work-dir", workDir.toString(), "first", "second");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_OK);
    assertThat(cli.sessions).hasSize(1);
    assertThat(cli.sessions.get(0).prompts).containsExactly("first", "second");
    assertThat(cli.sessions.get(0).closed).isTrue();
    Path state = cli.opened.get(0).stateDir();
    assertThat(state).as("a private per-run folder for the CLI's configuration, deleted after the run")
        .isNotNull().doesNotExist();
    assertThat(state.getFileName().toString()).startsWith("hotplex-run-");
    assertThat(outcome.out()).containsSubsequence("=== prompt 1 of 2: first", "You said: first",
        "turn 1: ok", "=== prompt 2 of 2: second", "You said: second", "turn 2: ok");
  }

  @Test
  void firstFailedTurnStopsTheRunWithExitOne() {
    CliHarness cli = cli(WITH_KEY).script(prompt -> List.of(TurnResult.failure("error_timeout",
        "The turn took longer than 1s and was cancelled.", "s", 1000, 0, List.of())));

    CliHarness.Outcome outcome = run(cli, "run", "--work-dir", workDir.toString(), "first", "second", "third");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_TURN_FAILED);
    assertThat(cli.sessions.get(0).prompts).containsExactly("first");
    assertThat(cli.sessions.get(0).closed).isTrue();
    assertThat(outcome.out()).contains("turn 1: FAILED (error_timeout)", "The turn took longer than 1s");
    assertThat(outcome.err()).contains("prompt 1 failed, so the remaining 2 prompt(s) did not run");
  }

  @Test
  void jsonPrintsOneEventPerLineAndEachTurnEndsWithItsResult() {
    CliHarness cli = cli(WITH_KEY);

    CliHarness.Outcome outcome = run(cli, "run", "--json", "--work-dir", workDir.toString(), "first", "second");

    assertThat(outcome.status()).isZero();
    List<AgentEvent> events = outcome.out().lines().map(EventJson::fromJson).toList();
    assertThat(events).containsExactly(new AgentEvents.Text("You said: first"),
        ScriptedSession.success("You said: first"), new AgentEvents.Text("You said: second"),
        ScriptedSession.success("You said: second"));
  }

  @Test
  void agentNotFoundIsOneClearMessageWithoutStackTrace() {
    CliHarness cli = cli(WITH_KEY).opener(options -> {
      throw new AgentNotFoundException("The 'claude' CLI was not found. Run: scripts/install-agents claude");
    });

    CliHarness.Outcome outcome = run(cli, "run", "--work-dir", workDir.toString(), "hello");
    CliHarness.Outcome debug = run(cli, "run", "--debug", "--work-dir", workDir.toString(), "hello");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_ERROR);
    assertThat(outcome.err()).isEqualTo("hotplex: The 'claude' CLI was not found. Run: scripts/install-agents"
        + " claude" + System.lineSeparator());
    assertThat(debug.err()).contains("AgentNotFoundException", "\tat ");
  }

  @Test
  void demoPointsTheSessionAtTheLabelledLoopbackModelWithAnIsolatedHome() {
    CliHarness cli = cli(Map.of());

    CliHarness.Outcome outcome = run(cli, "run", "--demo", "--work-dir", workDir.toString(), "hello");

    assertThat(outcome.status()).as(outcome.err()).isZero();
    SessionOptions options = cli.opened.get(0);
    assertThat(outcome.err()).startsWith("[demo] offline demo model at " + options.baseUrl()
        + " — no real AI is called");
    assertThat(options.baseUrl()).startsWith("http://127.0.0.1:");
    assertThat(options.environment()).containsEntry("ANTHROPIC_API_KEY", OfflineDemo.PLACEHOLDER_KEY);
    assertThat(options.allowedTools()).containsExactlyElementsOf(OfflineDemo.ALLOWED_TOOLS);
    assertThat(options.agentHome()).isNotNull().doesNotExist();
  }

  @Test
  void helpDocumentsEveryOptionWithItsDefault() {
    CliHarness.Outcome outcome = run(cli(Map.of()), "run", "--help");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.out()).contains("--provider", "--work-dir", "--allowed-tools", "--disallowed-tools",
        "--policy", "--model", "--permission-mode", "--max-turns", "--timeout", "--base-url", "--cli-path", "--agent-home",
        "--append-system-prompt", "--json", "--demo", "--ascii", "--color", "--debug", "PROMPT",
        "(default: claude)", "(default: 30m)", "(default: 0)", "ANTHROPIC_API_KEY", "Exit status:");
  }
}
