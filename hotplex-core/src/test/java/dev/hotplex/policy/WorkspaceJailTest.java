package dev.hotplex.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotplex.policy.WorkspaceJail.ResolvedPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceJailTest {
  @TempDir
  Path base;
  Path workspace;
  Path home;
  WorkspaceJail jail;

  @BeforeEach
  void setUp() throws IOException {
    workspace = Files.createDirectories(base.resolve("ws"));
    home = Files.createDirectories(base.resolve("home"));
    Files.createDirectories(workspace.resolve("src"));
    jail = new WorkspaceJail(workspace, home, List.of(), List.of("/usr/**", "/etc/**"),
        List.of("~/.ssh/**", "/etc/shadow", "**/id_rsa*"));
  }

  private ResolvedPath resolve(String raw) {
    return jail.resolve(raw, workspace);
  }

  @Test
  void pathsInsideTheWorkspaceAreWritable() {
    assertThat(jail.writable(resolve("src/App.java"))).isTrue();
    assertThat(jail.writable(resolve("./target/new/dir/file"))).isTrue();
    assertThat(jail.writable(resolve(workspace + "/src"))).isTrue();
  }

  @Test
  void dotDotEscapesAreCaught() {
    assertThat(jail.writable(resolve("../outside.txt"))).isFalse();
    assertThat(jail.writable(resolve("src/../../ws-sibling/x"))).isFalse();
    assertThat(jail.writable(resolve("src/../README.md"))).isTrue();
  }

  @Test
  void absolutePathsOutsideAreNotWritableButSystemLocationsAreReadable() {
    assertThat(jail.writable(resolve("/etc/hosts"))).isFalse();
    assertThat(jail.readable(resolve("/etc/hosts"))).isTrue();
    assertThat(jail.readable(resolve("/etc/shadow"))).isFalse();
    assertThat(jail.readable(resolve("/var/lib/secret-db"))).isFalse();
  }

  @Test
  void tildeMeansTheGivenHome() {
    ResolvedPath key = resolve("~/.ssh/id_ed25519");
    assertThat(key.lexical()).isEqualTo(home.resolve(".ssh/id_ed25519"));
    assertThat(jail.secret(key)).isTrue();
    assertThat(jail.writable(resolve("~"))).isFalse();
    assertThat(resolve("~otheruser/x")).isNull();
  }

  @Test
  void symlinkInsideTheWorkspacePointingOutIsCaught() throws IOException {
    Files.createSymbolicLink(workspace.resolve("etc-link"), Path.of("/etc"));
    ResolvedPath throughLink = resolve("etc-link/passwd");
    assertThat(throughLink.real()).isEqualTo(Path.of("/etc/passwd").toRealPath());
    assertThat(jail.writable(throughLink)).isFalse();
    assertThat(jail.writable(resolve("etc-link/not-yet-created/file"))).isFalse();
  }

  @Test
  void dotDotAfterASymlinkGoesUpFromTheLinksTarget() throws IOException {
    Path ssh = Files.createDirectories(home.resolve(".ssh"));
    Files.createSymbolicLink(workspace.resolve("keys"), ssh);
    ResolvedPath missing = resolve("keys/../.bashrc");
    assertThat(missing.lexical()).isEqualTo(workspace.resolve(".bashrc"));
    assertThat(missing.real()).isEqualTo(home.toRealPath().resolve(".bashrc"));
    assertThat(jail.writable(missing)).isFalse();
    Files.writeString(home.resolve(".profile"), "");
    assertThat(resolve("keys/../.profile").real()).isEqualTo(home.resolve(".profile").toRealPath());
    assertThat(jail.writable(resolve("keys/../.profile"))).isFalse();
    assertThat(jail.secret(resolve("keys/../.ssh/id_ed25519"))).isTrue();
    assertThat(jail.writable(resolve("src/../new/../pom.xml"))).isTrue();
  }

  @Test
  void aDeepNewPathBelowALinkOutsideIsCaught() throws IOException {
    Files.createSymbolicLink(workspace.resolve("out"), Files.createDirectories(base.resolve("outside")));
    ResolvedPath deep = resolve("out/" + "d/".repeat(60) + "file");
    assertThat(deep.real().startsWith(base.resolve("outside").toRealPath())).as(deep.toString()).isTrue();
    assertThat(jail.writable(deep)).isFalse();
  }

  @Test
  void symlinksThatLoopAllowNothing() throws IOException {
    Files.createSymbolicLink(workspace.resolve("loop-a"), workspace.resolve("loop-b"));
    Files.createSymbolicLink(workspace.resolve("loop-b"), workspace.resolve("loop-a"));
    ResolvedPath looping = resolve("loop-a/file");
    assertThat(looping.real()).isNull();
    assertThat(jail.writable(looping)).isFalse();
    assertThat(jail.readable(looping)).isFalse();
    assertThat(looping).hasToString(workspace.resolve("loop-a/file") + " (-> symlinks that loop)");
  }

  @Test
  void danglingSymlinkToOutsideIsCaughtBeforeTheTargetExists() throws IOException {
    Files.createSymbolicLink(workspace.resolve("future"), base.resolve("outside/new-file"));
    assertThat(jail.writable(resolve("future"))).isFalse();
  }

  @Test
  void symlinkToASecretIsASecret() throws IOException {
    Files.createDirectories(home.resolve(".ssh"));
    Files.writeString(home.resolve(".ssh/config"), "Host *");
    Files.createSymbolicLink(workspace.resolve("innocent.txt"), home.resolve(".ssh/config"));
    assertThat(jail.secret(resolve("innocent.txt"))).isTrue();
    assertThat(jail.readable(resolve("innocent.txt"))).isFalse();
  }

  @Test
  void symlinkStayingInsideTheWorkspaceIsFine() throws IOException {
    Files.createSymbolicLink(workspace.resolve("source"), workspace.resolve("src"));
    assertThat(jail.writable(resolve("source/App.java"))).isTrue();
  }

  @Test
  void allowPathsAndHarmlessDevicesAreWritable() throws IOException {
    Path cache = Files.createDirectories(base.resolve("cache"));
    WorkspaceJail withCache = new WorkspaceJail(workspace, home, List.of(cache.toString()), List.of(), List.of());
    assertThat(withCache.writable(withCache.resolve(cache + "/x/y", workspace))).isTrue();
    assertThat(withCache.writable(withCache.resolve("/dev/null", workspace))).isTrue();
    assertThat(withCache.writable(withCache.resolve("/dev/sda", workspace))).isFalse();
  }

  @Test
  void homeStaysPrivateEvenUnderAReadableDirectory() {
    WorkspaceJail tmpReadable = new WorkspaceJail(workspace, home, List.of(),
        List.of(base + "/**", "~/.m2/repository/**"), List.of());
    assertThat(tmpReadable.readable(tmpReadable.resolve("~/.bash_history", workspace))).isFalse();
    assertThat(tmpReadable.readable(tmpReadable.resolve("~/.m2/repository/x.jar", workspace))).isTrue();
    assertThat(tmpReadable.readable(tmpReadable.resolve(base + "/other/file", workspace))).isTrue();
  }

  @Test
  void theFileSystemRootIsNotAWorkspace() {
    assertThatThrownBy(() -> new WorkspaceJail(Path.of("/"), home, List.of(), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the file system root");
  }

  @Test
  void secretNamesMatchAnywhereEvenInsideTheWorkspace() {
    assertThat(jail.secret(resolve("keys/id_rsa"))).isTrue();
    assertThat(jail.secret(resolve("/opt/backup/id_rsa.pub"))).isTrue();
    assertThat(jail.secret(resolve("src/App.java"))).isFalse();
  }
}
