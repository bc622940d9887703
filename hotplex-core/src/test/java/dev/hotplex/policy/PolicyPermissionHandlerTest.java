package dev.hotplex.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyPermissionHandlerTest {
  @TempDir
  Path base;
  Path workspace;
  Path home;
  final List<DecisionRecord> records = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    workspace = Files.createDirectories(base.resolve("ws"));
    home = Files.createDirectories(base.resolve("home"));
  }

  private PolicyPermissionHandler.Builder builder() {
    return PolicyPermissionHandler.builder().workspace(workspace).home(home).listener(records::add);
  }

  private ToolCall shell(String command) {
    return PolicyFixture.shell(command, workspace);
  }

  @Test
  void askIsDeniedHeadlessAndSaysWhy() {
    PermissionDecision decision = builder().build().decide(shell("git push origin main"));
    assertThat(decision).isInstanceOf(PermissionDecision.Deny.class);
    assertThat(decision.rule()).isEqualTo("publish.git-push");
    assertThat(decision.reason()).contains("no approver is configured");
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.decision()).isEqualTo(Decision.DENY);
      assertThat(r.source()).isEqualTo("policy");
    });
  }

  @Test
  void approverDecidesAsksAndSeesTheQuestion() {
    List<PolicyVerdict> questions = new CopyOnWriteArrayList<>();
    PolicyPermissionHandler yes = builder().approver((call, q) -> questions.add(q)).build();
    PermissionDecision decision = yes.decide(shell("git push origin main"));
    assertThat(decision).isInstanceOf(PermissionDecision.Allow.class);
    assertThat(questions).singleElement().extracting(PolicyVerdict::ruleId).isEqualTo("publish.git-push");
    assertThat(records.get(0).source()).isEqualTo("approver");

    PermissionDecision no = builder().approver((call, q) -> false).build().decide(shell("git push origin main"));
    assertThat(no).isInstanceOf(PermissionDecision.Deny.class);
    assertThat(no.reason()).startsWith("Not approved");
  }

  @Test
  void approverIsNeverAskedAboutDenies() {
    PolicyPermissionHandler handler = builder().approver((call, q) -> true).build();
    assertThat(handler.decide(shell("rm -rf /"))).isInstanceOf(PermissionDecision.Deny.class);
  }

  @Test
  void throwingApproverDenies() {
    PolicyPermissionHandler handler = builder().approver((call, q) -> {
      throw new IllegalStateException("chat is down");
    }).build();
    assertThat(handler.decide(shell("git push origin main"))).isInstanceOf(PermissionDecision.Deny.class);
  }

  @Test
  void disallowedPatternWinsAndUncoveredCallsAreDenied() {
    PolicyPermissionHandler handler = builder()
        .toolPatterns(List.of("Bash", "Read"), List.of("Bash(make deploy:*)")).build();
    PermissionDecision disallowed = handler.decide(shell("make deploy prod"));
    assertThat(disallowed.rule()).isEqualTo(AllowedToolsHandler.RULE_DISALLOWED);
    assertThat(records.get(0).source()).isEqualTo("tools");
    PermissionDecision uncovered = handler.decide(PolicyFixture.file(ToolKind.WRITE, "a.txt", workspace));
    assertThat(uncovered.rule()).isEqualTo(AllowedToolsHandler.RULE_NOT_ALLOWED);
    PermissionDecision allowed = handler.decide(shell("make test"));
    assertThat(allowed).isInstanceOf(PermissionDecision.Allow.class);
    assertThat(allowed.rule()).isEqualTo(AllowedToolsHandler.RULE_ALLOWED);
  }

  @Test
  void policyDenyWinsOverAnAllowedPattern() {
    PolicyPermissionHandler handler = builder().toolPatterns(List.of("Bash(rm:*)"), List.of()).build();
    PermissionDecision decision = handler.decide(shell("rm -rf /"));
    assertThat(decision).isInstanceOf(PermissionDecision.Deny.class);
    assertThat(decision.rule()).isEqualTo("destroy.outside-workspace");
  }

  @Test
  void everyDecisionReachesTheListenerAndACallThatCannotBeRecordedDoesNotRun() {
    PolicyPermissionHandler handler = PolicyPermissionHandler.builder().workspace(workspace).home(home)
        .listener(r -> {
          records.add(r);
          throw new IllegalStateException("disk full");
        }).build();
    PermissionDecision unrecorded = handler.decide(shell("ls"));
    assertThat(unrecorded).isInstanceOf(PermissionDecision.Deny.class);
    assertThat(unrecorded.rule()).isEqualTo(PolicyPermissionHandler.RULE_RECORD_ERROR);
    assertThat(handler.decide(shell("reboot"))).isInstanceOf(PermissionDecision.Deny.class);
    assertThat(records).extracting(DecisionRecord::decision).containsExactly(Decision.ALLOW, Decision.DENY);
    assertThat(records.get(1).ruleId()).isEqualTo("system.shutdown");
  }

  @Test
  void aFailureInsideThePolicyDeniesInsteadOfThrowing() {
    PermissionDecision decision = builder().build().decide(null);
    assertThat(decision).isInstanceOf(PermissionDecision.Deny.class);
    assertThat(decision.rule()).isEqualTo(PolicyPermissionHandler.RULE_POLICY_ERROR);
    assertThat(records).singleElement().extracting(DecisionRecord::source).isEqualTo("error");
  }

  @Test
  void policyFileIsLoadedByTheBuilder() throws IOException {
    Path file = base.resolve("policy.yaml");
    Files.writeString(file, "disable: [system.shutdown]\n", StandardCharsets.UTF_8);
    assertThat(builder().policyFile(file).build().decide(shell("reboot")))
        .isInstanceOf(PermissionDecision.Allow.class);
    Files.writeString(file, "disable: [system.shutdwn]\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> builder().policyFile(file).build()).isInstanceOf(PolicyFileException.class)
        .hasMessageContaining("policy.yaml:1:");
  }

  @Test
  void workspaceIsRequired() {
    assertThatThrownBy(() -> PolicyPermissionHandler.builder().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workspace");
  }
}
