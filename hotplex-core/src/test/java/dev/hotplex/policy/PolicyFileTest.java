package dev.hotplex.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {
  @TempDir
  Path base;
  Path workspace;
  Path home;

  @BeforeEach
  void setUp() throws IOException {
    workspace = Files.createDirectories(base.resolve("ws"));
    home = Files.createDirectories(base.resolve("home"));
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(PolicyFileTest.class.getResource("/policy/" + name).toURI());
  }

  private PolicyVerdict check(Policy policy, String command) {
    return new PolicyEngine(policy, workspace, home).evaluate(PolicyFixture.shell(command, workspace));
  }

  private static PolicyFileException error(String yaml) {
    try {
      Policy.parse("policy.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    } catch (PolicyFileException e) {
      return e;
    }
    throw new AssertionError("expected a PolicyFileException for:\n" + yaml);
  }

  @Test
  void shippedDefaultsLoadWithEveryCategory() {
    assertThat(Policy.defaults().ruleIds()).contains("destroy.outside-workspace", "disk.format",
        "system.fork-bomb", "system.shutdown", "privilege.escalation", "rce.download-to-shell",
        "network.reverse-shell", "secrets.read-file", "exfil.upload-file", "persistence.scheduler",
        "escape.namespace", "publish.package", "jail.write-outside-workspace");
  }

  @Test
  void teamPolicyAddsOverridesAndDisablesRules() throws Exception {
    Policy policy = Policy.load(resource("team-policy.yaml"));
    assertThat(policy.ruleIds()).doesNotContain("exfil.remote-copy").contains("team.no-terraform-apply");
    assertThat(check(policy, "terraform apply -auto-approve").ruleId()).isEqualTo("team.no-terraform-apply");
    assertThat(check(policy, "terraform plan").decision()).isEqualTo(Decision.ALLOW);
    assertThat(check(policy, "helm upgrade app ./chart").decision()).isEqualTo(Decision.ASK);
    assertThat(check(policy, "git push origin feature/login").decision()).isEqualTo(Decision.ALLOW);
    assertThat(check(policy, "git push origin main").decision())
        .as("the override replaced the matchers, so other pushes match no rule").isEqualTo(Decision.ALLOW);
    assertThat(check(policy, "scp a.txt me@host.example:").decision()).isEqualTo(Decision.ALLOW);
  }

  @Test
  void teamPolicyExtendsThePathLists() throws Exception {
    Policy policy = Policy.load(resource("team-policy.yaml"));
    assertThat(check(policy, "cp out.zip /var/cache/ci/out.zip").decision()).isEqualTo(Decision.ALLOW);
    assertThat(check(policy, "cat /srv/fixtures/a.json").decision()).isEqualTo(Decision.ALLOW);
    assertThat(check(policy, "cat config/prod.env").ruleId()).isEqualTo("secrets.read-file");
  }

  @Test
  void jsonPoliciesWorkToo() throws Exception {
    Policy policy = Policy.load(resource("team-policy.json"));
    assertThat(check(policy, "curl -s https://pastebin.com/raw/x").ruleId()).isEqualTo("team.no-curl-to-pastebin");
  }

  @Test
  void extendsNoneStartsFromAnEmptyPolicy() {
    Policy policy = Policy.parse("p.yaml", "extends: none\nrules:\n  - id: only\n    decision: deny\n"
        .concat("    reason: no\n    match: {commands: [ls]}\n").getBytes(StandardCharsets.UTF_8));
    assertThat(policy.ruleIds()).containsExactly("only");
    assertThat(check(policy, "rm -rf /").decision()).isEqualTo(Decision.ALLOW);
  }

  @Test
  void defaultDecisionCanBeAsk() {
    Policy policy = Policy.parse("p.yaml", "defaultDecision: ask\n".getBytes(StandardCharsets.UTF_8));
    assertThat(check(policy, "make").decision()).isEqualTo(Decision.ASK);
  }

  @Test
  void unknownFieldIsReportedWithLineAndColumn() {
    PolicyFileException e = error("version: 1\nrules:\n  - id: x\n    decision: deny\n    reason: r\n"
        + "    match:\n      comands: [ls]\n");
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.column()).isEqualTo(7);
    assertThat(e.getMessage()).startsWith("policy.yaml:7:7: ").contains("unknown field 'comands'")
        .contains("commands");
  }

  @Test
  void unknownRuleIdToOverrideOrDisableIsReported() {
    PolicyFileException override = error("override:\n  - id: publish.git-pussh\n    decision: allow\n");
    assertThat(override.line()).isEqualTo(2);
    assertThat(override.problem()).contains("unknown rule id 'publish.git-pussh'").contains("publish.git-push");
    PolicyFileException disable = error("disable:\n  - secrets.read-file\n  - secrets.nope\n");
    assertThat(disable.line()).isEqualTo(3);
    assertThat(disable.column()).isEqualTo(5);
  }

  @Test
  void badRegexIsReportedAtTheRegex() {
    PolicyFileException e = error("rules:\n  - id: x\n    decision: deny\n    reason: r\n    match:\n"
        + "      commands: [ls]\n      argsRegex: ['ok', '(unclosed']\n");
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.problem()).contains("bad regex '(unclosed'");
  }

  @Test
  void badDecisionIsReported() {
    PolicyFileException e = error("rules:\n  - id: x\n    decision: maybe\n    reason: r\n"
        + "    match: {commands: [ls]}\n");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.problem()).contains("allow, deny or ask").contains("maybe");
  }

  @Test
  void duplicateIdsAndMissingFieldsAreReported() {
    assertThat(error("rules:\n  - id: disk.format\n    decision: deny\n    reason: r\n"
        + "    match: {commands: [ls]}\n").problem()).contains("already exists").contains("override");
    assertThat(error("rules:\n  - id: x\n    decision: deny\n    match: {commands: [ls]}\n").problem())
        .contains("missing required field 'reason'");
  }

  @Test
  void unknownDetectorAndEmptyMatchAreReported() {
    assertThat(error("rules:\n  - id: x\n    decision: deny\n    reason: r\n    match: {detector: nope}\n")
        .problem()).contains("unknown detector 'nope'").contains("fork-bomb");
    assertThat(error("rules:\n  - id: x\n    decision: deny\n    reason: r\n    match: {}\n").problem())
        .contains("no conditions");
  }

  @Test
  void duplicateKeysAndMistypedToolKindsAreReported() {
    PolicyFileException duplicate = error("version: 1\ndefaultDecision: deny\ndefaultDecision: allow\n");
    assertThat(duplicate.line()).isEqualTo(3);
    assertThat(duplicate.problem()).containsIgnoringCase("duplicate");
    PolicyFileException kind = error("rules:\n  - id: x\n    decision: deny\n    reason: r\n"
        + "    match: {tools: [shell, shel]}\n");
    assertThat(kind.problem()).contains("unknown tool kind 'shel'");
  }

  @Test
  void emptyListEntriesAreReportedAtTheEntryInsteadOfCrashing() {
    PolicyFileException path = error("version: 1\nallowPaths:\n  -\n");
    assertThat(path.line()).isPositive();
    assertThat(path.problem()).contains("empty list entry");
    PolicyFileException override = error("override:\n  - \n");
    assertThat(override.line()).isEqualTo(2);
    assertThat(override.problem()).contains("empty list entry");
    assertThat(error("rules:\n  - id: x\n    decision: deny\n    reason: r\n    match:\n      -\n").problem())
        .contains("empty list entry");
    PolicyFileException anchor = error("rules:\n  - id: x\n    decision: deny\n    reason: r\n"
        + "    match: {commands: [git], subcommands: [&push]}\n");
    assertThat(anchor.line()).isEqualTo(5);
    assertThat(anchor.problem()).contains("empty list entry in 'subcommands'");
  }

  @Test
  void syntaxErrorsAndMissingFilesAreReported() {
    assertThat(error("rules: [\n").line()).isPositive();
    assertThatThrownBy(() -> Policy.load(base.resolve("missing.yaml")))
        .isInstanceOf(PolicyFileException.class).hasMessageContaining("not found");
  }
}
