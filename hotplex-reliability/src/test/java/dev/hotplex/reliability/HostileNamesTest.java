package dev.hotplex.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.EventRenderer;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.Decision;
import dev.hotplex.policy.Policy;
import dev.hotplex.policy.PolicyEngine;
import dev.hotplex.policy.PolicyFileException;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.provider.claude.ClaudeProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile names and files, no agent needed: policy files with errors (a seeded fuzz of a valid team policy, YAML
 * and JSON) must fail with line and column, never crash; paths with newlines, look-alike letters and bidi
 * overrides must be judged by what they are on disk; and the readable log must never let a name forge a line or
 * carry a control character to the terminal.
 */
class HostileNamesTest {
  static final int MUTATIONS = Trials.count("policyMutations", 300, 3000);
  /** Seed of the policy fuzz (system property {@code hotplex.reliability.seed}), printed in the figures. */
  static final long SEED = Long.getLong("hotplex.reliability.seed", 20261204L);
  @RegisterExtension
  static final Figures.Table TABLE = Figures.table(51, "hostile-names", "Hostile policy files, paths and names",
      "input", "cases", "handled as expected", "crashes", "errors without line and column");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static final String TEAM_POLICY = """
      version: 1
      allowPaths:
        - /var/cache/ci
      readablePaths:
        - /srv/fixtures/**
      secretPaths:
        - config/prod.env
      disable:
        - exfil.remote-copy
      override:
        - id: publish.git-push
          decision: allow
          reason: Feature branches may be pushed.
          match:
            commands: [git]
            subcommands: [push]
            lastArgRegex: ['^(feature|fix)/']
      rules:
        - id: team.no-terraform-apply
          category: infrastructure
          decision: deny
          reason: Run terraform plan and attach the plan instead.
          match:
            commands: [terraform, tofu]
            subcommands: [apply, destroy]
        - id: team.ask-before-helm
          decision: ask
          reason: A human approves cluster changes.
          match:
            - commands: [helm]
              subcommands: [upgrade, install]
      """;

  @Test
  void brokenPolicyFilesFailWithLineAndColumnAndNeverCrash() throws Exception {
    String json = JSON.writeValueAsString(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
        .readTree(TEAM_POLICY));
    assertThat(Policy.parse("team.yaml", TEAM_POLICY.getBytes(StandardCharsets.UTF_8)).ruleIds())
        .contains("team.no-terraform-apply");
    Random random = new Random(SEED);
    int parsed = 0;
    int located = 0;
    int crashes = 0;
    int unlocated = 0;
    List<String> examples = new ArrayList<>();
    for (int i = 0; i < MUTATIONS; i++) {
      boolean yaml = i % 2 == 0;
      String broken = PolicyMutations.mutate(yaml ? TEAM_POLICY : json, random);
      String name = yaml ? "policy.yaml" : "policy.json";
      try {
        Policy.parse(name, broken.getBytes(StandardCharsets.UTF_8));
        parsed++;
      } catch (PolicyFileException e) {
        if (e.line() > 0 && e.column() > 0 || broken.isBlank() || e.problem().contains("is empty")) {
          located++;
        } else {
          unlocated++;
          examples.add(e.getMessage() + " FOR " + JSON.writeValueAsString(broken));
        }
      } catch (RuntimeException | StackOverflowError e) {
        crashes++;
        examples.add(e + " FOR " + JSON.writeValueAsString(broken));
      }
    }
    TABLE.row("policy files with errors (seed " + SEED + ", " + parsed + " still valid)", MUTATIONS,
        parsed + located, crashes, unlocated);
    assertThat(examples).as("crashes or errors without a location").isEmpty();
  }

  /** Whether the decision is what was expected; ASK counts as refused (CI has no one to ask, so it denies). */
  private static boolean asExpected(Decision decision, Decision expected) {
    return expected == Decision.ALLOW ? decision == Decision.ALLOW : decision != Decision.ALLOW;
  }

  @Test
  void trickyPathsAreJudgedByWhereTheyReallyPoint() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("workspace"));
    Path home = Files.createDirectories(dir.resolve("home"));
    // A sibling that looks like the workspace: a Cyrillic "о", a zero-width space.
    Path lookalike = Files.createDirectories(dir.resolve("w\u043erkspace"));
    Path zeroWidth = Files.createDirectories(dir.resolve("workspace\u200b"));
    PolicyEngine engine = new PolicyEngine(Policy.defaults(), workspace, home);
    Map<String, Decision> writes = Map.of(
        workspace + "/notes\nwith a newline.txt", Decision.ALLOW,
        workspace + "/report\u202Etxt.exe", Decision.ALLOW,
        workspace + "/sub\n/../../escaped.txt", Decision.DENY,
        lookalike + "/x.txt", Decision.DENY,
        zeroWidth + "/x.txt", Decision.DENY,
        "/etc/cron.d/x\n" + workspace + "/x.txt", Decision.DENY,
        workspace + "/nul\u0000byte.txt", Decision.DENY);
    Map<String, Decision> commands = Map.of(
        "echo hi > '" + workspace + "/a\nb.txt'", Decision.ALLOW,
        "echo hi > $'" + workspace + "/../escaped\\n.txt'", Decision.DENY,
        "echo hi > '" + lookalike + "/x.txt'", Decision.DENY,
        "rm -rf '" + workspace + "/\u202Egnp.exe'", Decision.ALLOW);
    ClaudeProvider claude = new ClaudeProvider();
    List<String> wrong = new ArrayList<>();
    int crashes = 0;
    for (var write : writes.entrySet()) {
      crashes += judge(engine, claude.toolCall("Write", JSON.createObjectNode().put("file_path", write.getKey())
          .put("content", "x"), workspace), write.getValue(), "Write " + write.getKey(), wrong);
    }
    for (var command : commands.entrySet()) {
      crashes += judge(engine, claude.toolCall("Bash", JSON.createObjectNode().put("command", command.getKey()),
          workspace), command.getValue(), "Bash " + command.getKey(), wrong);
    }
    int right = writes.size() + commands.size() - wrong.size();
    TABLE.row("paths with newlines, look-alike letters, bidi overrides, NUL (workspace jail)",
        writes.size() + commands.size(), right, crashes, "-");
    assertThat(wrong).isEmpty();
  }

  /** Adds to {@code wrong} when the engine's decision is not the expected one; returns 1 if it threw. */
  private static int judge(PolicyEngine engine, ToolCall call, Decision expected, String what, List<String> wrong) {
    try {
      Decision decision = engine.evaluate(call).decision();
      if (!asExpected(decision, expected)) {
        wrong.add(JSON.valueToTree(what) + ": " + decision);
      }
      return 0;
    } catch (RuntimeException e) {
      wrong.add(JSON.valueToTree(what) + ": " + e);
      return 1;
    }
  }

  @Test
  void namesInTheReadableLogCannotForgeALineOrReachTheTerminalRaw() {
    String forged = "\u2500\u2500 turn 1: ok | forged";
    List<AgentEvent> events = List.of(
        new AgentEvents.Init("s1", "model\r" + forged, "/ws/evil\n" + forged, List.of(), "default"),
        new AgentEvents.ToolUse("t1", "Write", JSON.createObjectNode().put("file_path", "/ws/a\n" + forged)),
        new AgentEvents.ToolDecision("t1", "Write", "allow", "tools.allowed", null, null),
        new AgentEvents.ToolUse("t2", "Bash", JSON.createObjectNode().put("command", "ls\r" + forged)),
        new AgentEvents.ToolDecision("t2", "Bash", "deny", "rule.x", "no\r\n" + forged + "\u2028" + forged, null),
        new AgentEvents.ToolResult("t2", "out\u2028" + forged + "\u001b[2K\rhidden\u0085" + forged, false),
        new AgentEvents.Error("bad \u202Egnp.exe\u001b]0;title\u0007 " + forged),
        TurnResult.failure("error_timeout", "late\r" + forged + "\u2029" + forged, "s1", 5, 2, List.of()));
    int cases = 0;
    List<String> problems = new ArrayList<>();
    for (boolean ascii : List.of(false, true)) {
      EventRenderer renderer = EventRenderer.builder().ascii(ascii).build();
      StringBuilder log = new StringBuilder();
      events.forEach(event -> log.append(renderer.render(event)));
      log.append(renderer.finish());
      String rule = ascii ? "-- turn " : "\u2500\u2500 turn ";
      for (String line : log.toString().split("\n", -1)) {
        cases++;
        if (line.startsWith("\u2500\u2500 turn 1: ok") || (line.startsWith(rule) && line.contains("forged"))) {
          problems.add("forged line: " + JSON.valueToTree(line));
        }
        if (line.codePoints().anyMatch(HostileNamesTest::unsafe)) {
          problems.add("raw control or bidi character: " + JSON.valueToTree(line));
        }
      }
    }
    TABLE.row("names with newlines, CR, ANSI escapes, line separators, bidi overrides (readable log lines)",
        cases, cases - problems.size(), 0, "-");
    assertThat(problems).isEmpty();
  }

  /** What a terminal or log viewer would act on: controls other than tab, line separators, bidi controls. */
  private static boolean unsafe(int c) {
    return (Character.isISOControl(c) && c != '\t') || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F;
  }
}
