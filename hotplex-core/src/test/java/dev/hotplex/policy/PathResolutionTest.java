package dev.hotplex.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.policy.WorkspaceJail.ResolvedPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathResolutionTest {
  @TempDir
  Path base;
  Path workspace;
  Path home;
  WorkspaceJail jail;

  @BeforeEach
  void setUp() throws IOException {
    workspace = Files.createDirectories(base.resolve("ws"));
    home = Files.createDirectories(base.resolve("home"));
    Files.createDirectories(workspace.resolve("src/main"));
    Files.writeString(workspace.resolve("pom.xml"), "<project/>");
    Files.createDirectories(base.resolve("outside"));
    Files.createSymbolicLink(workspace.resolve("out-link"), base.resolve("outside"));
    Files.createSymbolicLink(workspace.resolve("src/up"), Path.of("../.."));
    Files.createSymbolicLink(workspace.resolve("dangling"), base.resolve("outside/later/file"));
    jail = new WorkspaceJail(workspace, home, List.of(), List.of(), List.of());
  }

  @Test
  void pathsBelowTheWorkspaceResolveAsTheGeneralAlgorithmDoes() {
    for (String raw : List.of(".", "pom.xml", "pom.xml/below", "src", "src/main", "src/main/App.java",
        "src/new/dir/file", "out-link", "out-link/x/y", "src/up", "src/up/outside/z", "dangling", "dangling/a",
        "missing", "missing/deeper", "out-link/../pom.xml", "src/up/../x", "dangling/../y", "src/../src/main")) {
      ResolvedPath resolved = new PathResolution(jail).resolve(raw, workspace);
      assertThat(resolved.real()).as(raw).isEqualTo(WorkspaceJail.realPath(workspace.resolve(raw)));
    }
  }

  @Test
  void aWorkspaceReachedThroughASymlinkResolvesToItsRealLocation() throws IOException {
    Path alias = Files.createSymbolicLink(base.resolve("alias"), workspace);
    WorkspaceJail throughAlias = new WorkspaceJail(alias, home, List.of(), List.of(), List.of());
    ResolvedPath pom = new PathResolution(throughAlias).resolve("pom.xml", alias);
    assertThat(pom.lexical()).isEqualTo(alias.resolve("pom.xml"));
    assertThat(pom.real()).isEqualTo(workspace.toRealPath().resolve("pom.xml"));
  }

  @Test
  void eachDecisionSeesTheLinksAsTheyAreNow() throws IOException {
    assertThat(jail.writable(jail.resolve("target/x", workspace))).isTrue();
    Files.createSymbolicLink(workspace.resolve("target"), base.resolve("outside"));
    assertThat(jail.writable(jail.resolve("target/x", workspace))).isFalse();
  }

  @Test
  void aWorkspaceReplacedByALinkIsSeenAtTheNextDecision() throws IOException {
    Path moved = Files.move(workspace, base.resolve("moved"));
    Files.createSymbolicLink(workspace, base.resolve("outside"));
    ResolvedPath file = new PathResolution(jail).resolve("x", workspace);
    assertThat(file.real()).isEqualTo(base.resolve("outside").toRealPath().resolve("x"));
    assertThat(jail.writable(file)).isFalse();
    assertThat(moved).exists();
  }

  @Test
  void withinOneDecisionAPathIsResolvedOnce() throws IOException {
    PathResolution decision = new PathResolution(jail);
    Path before = decision.resolve("late", workspace).real();
    Files.createSymbolicLink(workspace.resolve("late"), base.resolve("outside"));
    assertThat(decision.resolve("./late", workspace).real()).isEqualTo(before);
    assertThat(new PathResolution(jail).resolve("late", workspace).real()).isNotEqualTo(before);
  }

  @Test
  void pathsTheJailDecidesLexicallyNeedNoResolution() {
    ResolvedPath outside = new PathResolution(jail).resolve("/var/lib/x", workspace);
    assertThat(outside.real()).isEqualTo(outside.lexical());
    assertThat(new PathResolution(jail).lexical("~other/x", workspace)).isNull();
    assertThat(new PathResolution(jail).lexical("rel", null)).isNull();
  }
}
