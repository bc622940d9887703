package dev.hotplex.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import dev.hotplex.secrets.SecretMasker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "ghp_abcdefSECRET123";
  private final SecretMasker masker = SecretMasker.of(SECRET);
  @TempDir Path dir;

  private static ToolCall shell(String command) throws Exception {
    return new ToolCall("claude", "Bash", "toolu_1", ToolKind.SHELL, command, null, null,
        JSON.readTree(JSON.writeValueAsString(java.util.Map.of("command", command))), Path.of("/ws"));
  }

  private static AuditRecord record(int turn, ToolCall call, String decision) {
    return new AuditRecord(Instant.parse("2026-11-24T09:00:00Z"), "s1", turn, call, decision, "rule-" + turn,
        "because " + turn);
  }

  @Test
  void linesAreValidJsonInOrder() throws Exception {
    Path file = dir.resolve("nested/dirs/audit.jsonl");
    try (AuditLog audit = AuditLog.open(file, masker)) {
      audit.record(record(1, shell("git status"), AuditRecord.ALLOW));
      ToolCall read = new ToolCall("claude", "Read", "toolu_2", ToolKind.READ, null, List.of("/ws/a.txt"), null,
          JSON.readTree("{\"file_path\":\"/ws/a.txt\"}"), Path.of("/ws"));
      audit.record(record(2, read, AuditRecord.DENY));
    }

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.get("time").asText()).isEqualTo("2026-11-24T09:00:00Z");
    assertThat(first.get("session").asText()).isEqualTo("s1");
    assertThat(first.get("turn").asInt()).isEqualTo(1);
    assertThat(first.get("tool").asText()).isEqualTo("Bash");
    assertThat(first.get("kind").asText()).isEqualTo("SHELL");
    assertThat(first.at("/input/command").asText()).isEqualTo("git status");
    assertThat(first.at("/input/raw/command").asText()).isEqualTo("git status");
    assertThat(first.get("decision").asText()).isEqualTo("allow");
    assertThat(first.get("rule").asText()).isEqualTo("rule-1");
    JsonNode second = JSON.readTree(lines.get(1));
    assertThat(second.at("/input/paths/0").asText()).isEqualTo("/ws/a.txt");
    assertThat(second.at("/input/command").isNull()).isTrue();
    assertThat(second.get("decision").asText()).isEqualTo("deny");
  }

  @Test
  void reopeningAppends() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    try (AuditLog audit = AuditLog.open(file, masker)) {
      audit.record(record(1, shell("ls"), AuditRecord.ALLOW));
    }
    try (AuditLog audit = AuditLog.open(file, masker)) {
      audit.record(record(2, shell("ls"), AuditRecord.ALLOW));
    }
    assertThat(Files.readAllLines(file)).hasSize(2);
  }

  @Test
  void eachLineIsOnDiskWhenRecordReturns() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    AuditLog audit = AuditLog.open(file, masker);
    try {
      audit.record(record(1, shell("ls"), AuditRecord.ALLOW));
      assertThat(Files.readAllLines(file)).hasSize(1);
    } finally {
      audit.close();
    }
  }

  @Test
  void secretsAreNeverWritten() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    ToolCall leaky = new ToolCall("claude", "Bash", "toolu_3", ToolKind.SHELL,
        "curl -H 'Authorization: token " + SECRET + "' https://api.github.com", null,
        List.of("https://x.test/?t=" + SECRET),
        JSON.readTree("{\"command\":\"echo " + SECRET + "\",\"" + SECRET + "\":1}"), Path.of("/ws"));
    try (AuditLog audit = AuditLog.open(file, masker)) {
      audit.record(new AuditRecord(Instant.now(), "s1", 1, leaky, AuditRecord.DENY, "r",
          "refused to send " + SECRET));
      assertThat(String.join("\n", audit.summary().lines())).doesNotContain(SECRET).contains("****");
    }

    String text = Files.readString(file);
    assertThat(text).doesNotContain(SECRET).contains("****");
    assertThat(JSON.readTree(text).at("/input/raw/command").asText()).isEqualTo("echo ****");
  }

  @Test
  void concurrentWritersProduceWholeLines() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    int threads = 4;
    int perThread = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (AuditLog audit = AuditLog.open(file, masker)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            audit.record(record(thread * 1000 + i, shell("echo " + "x".repeat(500) + " " + i),
                AuditRecord.ALLOW));
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      assertThat(audit.summary().allowed()).isEqualTo(threads * perThread);
    } finally {
      pool.shutdownNow();
    }

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(threads * perThread);
    Set<Integer> turns = new HashSet<>();
    for (String line : lines) {
      turns.add(JSON.readTree(line).get("turn").asInt());
    }
    assertThat(turns).hasSize(threads * perThread);
  }

  @Test
  void summaryCountsAndListsDenials() throws Exception {
    try (AuditLog audit = AuditLog.open(dir.resolve("audit.jsonl"), masker)) {
      audit.record(record(1, shell("git status"), AuditRecord.ALLOW));
      audit.record(AuditRecord.of("s1", 2, shell("rm -rf /"),
          PermissionDecision.deny("tools.disallowed", "rm is disallowed")));
      audit.record(record(3, shell("npm publish"), AuditRecord.ASK));

      AuditSummary summary = audit.summary();

      assertThat(summary.allowed()).isEqualTo(1);
      assertThat(summary.denied()).isEqualTo(1);
      assertThat(summary.asked()).isEqualTo(1);
      assertThat(summary.denials()).containsExactly(
          new AuditSummary.DeniedCall("Bash", "rm -rf /", "tools.disallowed", "rm is disallowed"));
      assertThat(summary.lines()).containsExactly("Tool calls: 1 allowed, 1 denied, 1 asked.",
          "  denied Bash(rm -rf /) by tools.disallowed: rm is disallowed");
      assertThat(JSON.writeValueAsString(summary.toMap())).isEqualTo("{\"allowed\":1,\"denied\":1,\"asked\":1,"
          + "\"denials\":[{\"tool\":\"Bash\",\"input\":\"rm -rf /\",\"rule\":\"tools.disallowed\","
          + "\"reason\":\"rm is disallowed\"}],\"unlistedDenials\":0}");
    }
  }

  @Test
  void parentThatIsAFileIsAClearError() throws Exception {
    Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
    Path file = blocker.resolve("audit.jsonl");

    assertThatThrownBy(() -> AuditLog.open(file, masker))
        .isInstanceOf(AuditLogException.class)
        .hasMessageContaining("Cannot open the audit log " + file)
        .hasMessageContaining(blocker + " is a file, not a directory")
        .hasMessageContaining("writable location");
  }

  @Test
  void readOnlyLocationIsAClearError() {
    // /proc refuses new entries even to root, unlike a chmod-ed directory.
    Path file = Path.of("/proc/hotplex-audit-test/audit.jsonl");

    assertThatThrownBy(() -> AuditLog.open(file, masker))
        .isInstanceOf(AuditLogException.class)
        .hasMessageContaining("Cannot open the audit log " + file)
        .hasMessageContaining("/proc/hotplex-audit-test")
        .hasCauseInstanceOf(java.io.IOException.class);
  }

  @Test
  void writeFailuresAreCountedWithTheFirstCause() throws Exception {
    // /dev/full opens fine and fails every write with ENOSPC, like a full disk.
    try (AuditLog log = AuditLog.open(Path.of("/dev/full"), masker)) {
      assertThatThrownBy(() -> log.record(record(1, shell("ls"), "allow"))).isInstanceOf(AuditLogException.class);
      assertThatThrownBy(() -> log.record(record(2, shell("pwd"), "allow"))).isInstanceOf(AuditLogException.class);

      assertThat(log.unrecorded()).isEqualTo(2);
      assertThat(log.firstFailure()).hasValueSatisfying(failure -> assertThat(failure)
          .contains("Cannot write to the audit log /dev/full", "No space left on device"));
      assertThat(log.summary().allowed()).isZero();
    }
  }

  @Test
  void unknownDecisionIsRejected() {
    assertThatThrownBy(() -> record(1, shell("ls"), "maybe"))
        .hasMessageContaining("allow, deny, ask").hasMessageContaining("'maybe'");
  }
}
