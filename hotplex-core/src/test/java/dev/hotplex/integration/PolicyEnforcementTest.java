package dev.hotplex.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.audit.AuditLog;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.sandbox.SandboxMode;
import dev.hotplex.sandbox.Sandboxes;
import dev.hotplex.secrets.SecretMasker;
import dev.hotplex.session.Session;
import dev.hotplex.session.SessionKey;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.session.SessionPool;
import dev.hotplex.testkit.RealAgents;
import dev.hotplex.testkit.model.FakeModelServer;
import dev.hotplex.testkit.model.ModelReply;
import dev.hotplex.testkit.model.ModelRequest;
import dev.hotplex.testkit.model.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy and the sandbox with the REAL Claude Code CLI: a call the policy denies never runs, the model is told
 * why, the audit log records it; and with the policy switched off, bwrap still stops a write outside the workspace.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PolicyEnforcementTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private Path workspace;
  private Path outside;
  private Path auditFile;
  private FakeModelServer model;
  private SessionPool pool;

  @BeforeEach
  void start() throws IOException {
    assumeTrue(RealAgents.claude().isPresent(), RealAgents.NOT_INSTALLED);
    workspace = Files.createDirectories(temp.resolve("workspace"));
    // Not under /tmp (where the checkout itself may be): the sandbox gives the agent a private /tmp, which would
    // hide a write there for another reason than the read-only root.
    outside = Files.createTempDirectory(Path.of("/var/tmp"), "hotplex-outside-workspace-");
    auditFile = temp.resolve("audit.jsonl");
    model = FakeModelServer.start();
    pool = SessionPool.builder().build();
  }

  @AfterEach
  void stop() throws IOException {
    if (pool != null) {
      pool.close();
    }
    if (model != null) {
      model.close();
    }
    if (outside != null) {
      try (var files = Files.walk(outside)) {
        for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private SessionOptions.Builder options() {
    return SessionOptions.builder()
        .workDir(workspace)
        .baseUrl(model.baseUrl())
        .agentHome(temp.resolve("home"))
        .environment("ANTHROPIC_API_KEY", "sk-ant-fake-policy")
        .addAllowedTools("Bash", "Write", "Read")
        .turnTimeout(Duration.ofSeconds(60));
  }

  private TurnResult runTool(SessionOptions options, ModelReply toolCall) throws InterruptedException {
    model.when(ModelRequest::lastUserTextContains, "RUNTOOL").once().reply(toolCall);
    Session session = pool.open(SessionKey.of("it", "policy"), options);
    return session.send("please RUNTOOL now", event -> {}).await();
  }

  private ToolResult toolResultTheModelSaw() {
    return model.requests().stream().flatMap(r -> r.toolResult().stream()).findFirst().orElseThrow();
  }

  @Test
  void writeOutsideTheWorkspaceIsDeniedNeverRunsAndIsAudited() throws Exception {
    Path target = outside.resolve("pwned.txt");
    TurnResult result;
    try (AuditLog audit = AuditLog.open(auditFile, SecretMasker.none())) {
      result = runTool(options().decisionListener(audit.listenerFor("policy-it", () -> 1)).build(),
          ModelReply.bash("echo pwned > " + target, "write outside"));
      assertThat(audit.summary().denied()).isEqualTo(1);
    }

    assertThat(target).doesNotExist();
    assertThat(result.permissionDenials()).singleElement()
        .satisfies(denial -> assertThat(denial.rule()).isNotBlank());
    String rule = result.permissionDenials().get(0).rule();
    assertThat(toolResultTheModelSaw().isError()).isTrue();
    assertThat(toolResultTheModelSaw().content()).contains(outside.toString());
    List<JsonNode> lines = auditLines();
    assertThat(lines).singleElement().satisfies(line -> {
      assertThat(line.path("decision").asText()).isEqualTo("deny");
      assertThat(line.path("rule").asText()).isEqualTo(rule);
      assertThat(line.path("input").path("command").asText()).contains("pwned.txt");
    });
  }

  @Test
  void obfuscatedDestructiveCommandIsDeniedAndNothingIsDeleted() throws Exception {
    Path precious = Files.writeString(outside.resolve("precious.txt"), "keep me");

    TurnResult result = runTool(options().build(),
        ModelReply.bash("a=r''m; $a -rf " + outside, "clean up"));

    assertThat(precious).hasContent("keep me");
    assertThat(result.permissionDenials()).hasSize(1);
    assertThat(toolResultTheModelSaw().isError()).isTrue();
  }

  @Test
  void writeToolThroughASymlinkOutOfTheWorkspaceIsDenied() throws Exception {
    Files.createSymbolicLink(workspace.resolve("link"), outside);

    TurnResult result = runTool(options().build(), ModelReply.write("link/escaped.txt", "escaped"));

    assertThat(outside.resolve("escaped.txt")).doesNotExist();
    assertThat(result.permissionDenials()).hasSize(1);
  }

  @Test
  void sandboxStopsAnOutOfWorkspaceWriteEvenWhenThePolicyAllowsEverything() throws Exception {
    SessionOptions options = options()
        .permissionHandler(call -> PermissionDecision.allow("test.allow-all", "this test switches the policy off"))
        .sandbox(Sandboxes.forMode(SandboxMode.REQUIRED))
        .build();
    Path target = outside.resolve("escaped.txt");

    TurnResult result = runTool(options, ModelReply.bash(
        "echo inside > inside.txt; echo escaped > " + target + "; echo exit=$?", "write both"));

    assertThat(result.permissionDenials()).isEmpty();
    assertThat(workspace.resolve("inside.txt")).hasContent("inside");
    assertThat(target).doesNotExist();
    assertThat(toolResultTheModelSaw().content()).containsIgnoringCase("read-only");
  }

  private List<JsonNode> auditLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(auditFile)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }
}
