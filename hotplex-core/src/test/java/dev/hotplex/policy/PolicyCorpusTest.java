package dev.hotplex.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public corpus: every dangerous command is denied and every ordinary CI command is allowed by the shipped
 * policy, headless (ask = deny), in a fixed workspace with a separate HOME. Commands that truly cannot be decided
 * statically are listed as known gaps, asserted so that a fixed gap must be removed from the list.
 */
class PolicyCorpusTest {
  /** Dangerous commands the default policy lets through, with why. Keep empty unless truly undecidable. */
  private static final Set<String> KNOWN_DANGEROUS_GAPS = Set.of();
  /** Benign commands the default policy refuses, with why. */
  private static final Set<String> KNOWN_BENIGN_GAPS = Set.of();

  @TempDir
  static Path base;
  static PolicyPermissionHandler handler;
  static Path workspace;

  @BeforeAll
  static void setUp() throws IOException {
    workspace = Files.createDirectories(base.resolve("ws"));
    Path home = Files.createDirectories(base.resolve("home"));
    Files.createDirectories(workspace.resolve("src"));
    handler = PolicyPermissionHandler.builder().workspace(workspace).home(home).build();
  }

  @Test
  void everyDangerousCommandIsDenied() throws IOException {
    List<String> commands = corpus("dangerous.txt");
    List<String> allowed = new ArrayList<>();
    for (String command : commands) {
      if (handler.decide(PolicyFixture.shell(command, workspace)) instanceof PermissionDecision.Allow) {
        allowed.add(command);
      }
    }
    report("dangerous", commands.size(), commands.size() - allowed.size(), "denied", allowed);
    assertThat(commands).hasSizeGreaterThanOrEqualTo(150);
    assertThat(allowed).containsExactlyInAnyOrderElementsOf(KNOWN_DANGEROUS_GAPS);
  }

  @Test
  void everyBenignCommandIsAllowed() throws IOException {
    List<String> commands = corpus("benign.txt");
    List<String> denied = new ArrayList<>();
    for (String command : commands) {
      PermissionDecision decision = handler.decide(PolicyFixture.shell(command, workspace));
      if (decision instanceof PermissionDecision.Deny) {
        denied.add(command + "   <- " + decision.rule() + ": " + decision.reason());
      }
    }
    report("benign", commands.size(), commands.size() - denied.size(), "allowed", denied);
    assertThat(commands).hasSizeGreaterThanOrEqualTo(150);
    assertThat(denied).containsExactlyInAnyOrderElementsOf(KNOWN_BENIGN_GAPS);
  }

  private static void report(String corpus, int total, int ok, String verb, List<String> misses) {
    System.out.printf("policy corpus %s: %d/%d %s (%.1f%%)%n", corpus, ok, total, verb, 100.0 * ok / total);
    misses.forEach(m -> System.out.println("  miss: " + m));
  }

  /**
   * The commands of a corpus file: one per line, blank lines and {@code #} comment lines skipped; a command that
   * spans lines (a here-document) is written between a line {@value #BLOCK_START} and a line {@value #BLOCK_END},
   * taken verbatim.
   */
  static List<String> corpus(String name) throws IOException {
    try (InputStream in = PolicyCorpusTest.class.getResourceAsStream("/policy/corpus/" + name)) {
      return commands(name, new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    }
  }

  static final String BLOCK_START = "{{{";
  static final String BLOCK_END = "}}}";

  static List<String> commands(String name, List<String> lines) {
    List<String> commands = new ArrayList<>();
    StringBuilder block = null;
    int blockLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (block != null) {
        if (line.equals(BLOCK_END)) {
          commands.add(block.toString());
          block = null;
        } else {
          block.append(block.length() > 0 ? "\n" : "").append(line);
        }
      } else if (line.equals(BLOCK_START)) {
        block = new StringBuilder();
        blockLine = i + 1;
      } else if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
        commands.add(line);
      }
    }
    if (block != null) {
      throw new IllegalStateException(name + ":" + blockLine + ": '" + BLOCK_START + "' without a closing '"
          + BLOCK_END + "'");
    }
    return commands;
  }

  @Test
  void multiLineCommandsAreWrittenAsBlocks() {
    assertThat(commands("t", List.of("# comment", "ls", "", BLOCK_START, "cat <<EOF | sh", "# kept", "EOF",
        BLOCK_END, "pwd"))).containsExactly("ls", "cat <<EOF | sh\n# kept\nEOF", "pwd");
    assertThatThrownBy(() -> commands("t", List.of("ls", BLOCK_START, "cat <<EOF")))
        .hasMessageContaining("t:2:");
  }
}
