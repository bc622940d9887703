package dev.hotplex.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleIndexTest {
  @TempDir
  Path base;

  @Test
  void aCallIsTriedOnlyAgainstAlternativesForTheCommandsItRuns() throws IOException {
    Policy policy = Policy.parse("team.yaml", """
        version: 1
        extends: none
        rules:
          - id: team.publish
            decision: deny
            reason: no publishing
            match:
              - {commands: [npm], subcommands: [publish]}
              - {commands: [twine], subcommands: [upload]}
              - {args: ["--push"]}
        """.getBytes());
    CallContext npm = context(policy, "npm publish");
    RuleIndex index = new RuleIndex(policy.rules());
    boolean[] candidates = index.candidates(npm);

    assertThat(candidates).containsExactly(true, false, true);
    assertThat(index.match(policy.rules().get(0), 0, candidates, npm)).isEqualTo("npm publish");
    assertThat(index.match(policy.rules().get(0), 0, index.candidates(context(policy, "ls")),
        context(policy, "ls"))).isNull();
  }

  @Test
  void theShippedRulesMatchExactlyAsWhenEveryAlternativeIsTried() throws IOException {
    Policy policy = Policy.defaults();
    RuleIndex index = new RuleIndex(policy.rules());
    List<String> commands = new ArrayList<>(PolicyCorpusTest.corpus("benign.txt"));
    commands.addAll(PolicyCorpusTest.corpus("dangerous.txt"));
    int matched = 0;
    for (String command : commands) {
      CallContext ctx = context(policy, command);
      boolean[] candidates = index.candidates(ctx);
      for (int i = 0; i < policy.rules().size(); i++) {
        Rule rule = policy.rules().get(i);
        String everyAlternative = null;
        for (RuleMatcher alternative : rule.alternatives()) {
          everyAlternative = everyAlternative != null ? everyAlternative : alternative.match(ctx);
        }
        assertThat(index.match(rule, i, candidates, ctx)).as(rule.id() + " on " + command)
            .isEqualTo(everyAlternative);
        matched += everyAlternative != null ? 1 : 0;
      }
    }
    assertThat(matched).as("the corpus exercises the rules").isGreaterThan(300);
  }

  private CallContext context(Policy policy, String command) throws IOException {
    Path workspace = Files.createDirectories(base.resolve("ws"));
    WorkspaceJail jail = new WorkspaceJail(workspace, Files.createDirectories(base.resolve("home")),
        policy.allowPaths(), policy.readablePaths(), policy.secretPaths());
    return new CallContext(PolicyFixture.shell(command, workspace), jail);
  }
}
