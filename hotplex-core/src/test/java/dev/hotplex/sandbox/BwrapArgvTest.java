package dev.hotplex.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The argv BwrapSandbox builds, checked without running it. */
class BwrapArgvTest {
  @TempDir Path root;

  private String real(Path path) throws Exception {
    return path.toRealPath().toString();
  }

  @Test
  void bindsComeAfterPrivateTmpParentsFirstAndCommandLast() throws Exception {
    Path workspace = Files.createDirectories(root.resolve("ws"));
    Path nested = root.resolve("ws/cache/deep");
    Path tools = Files.createDirectories(root.resolve("tools"));
    BwrapSandbox sandbox = BwrapSandbox.builder().setExecutable(Path.of("/usr/bin/bwrap"))
        .setMaskHostSecrets(false).addReadOnlyBind(tools).build();

    List<String> argv = sandbox.wrap(List.of("claude", "-p"), workspace, List.of(nested));

    assertThat(argv.subList(0, 8)).containsExactly("/usr/bin/bwrap", "--die-with-parent", "--new-session",
        "--unshare-pid", "--share-net", "--cap-drop", "ALL", "--ro-bind");
    String text = String.join(" ", argv);
    assertThat(text).contains("--ro-bind / / --dev /dev --proc /proc --tmpfs /tmp --ro-bind " + real(tools));
    assertThat(text.indexOf("--bind " + real(workspace) + " "))
        .isGreaterThan(text.indexOf("--tmpfs /tmp"))
        .isLessThan(text.indexOf("--bind " + real(nested) + " "));
    assertThat(argv.subList(argv.size() - 5, argv.size()))
        .containsExactly("--chdir", workspace.toString(), "--", "claude", "-p");
    assertThat(nested).isDirectory();
  }

  @Test
  void anAgentInstalledUnderTmpStaysVisibleBehindThePrivateTmp() throws Exception {
    Path workspace = Files.createDirectories(root.resolve("ws"));
    Path prefix = Files.createDirectories(root.resolve("agents/claude"));
    Path bin = Files.createDirectories(prefix.resolve("node_modules/.bin"));
    Path claude = Files.writeString(bin.resolve("claude"), "#!/bin/sh\n");
    BwrapSandbox sandbox = BwrapSandbox.builder().setExecutable(Path.of("/usr/bin/bwrap"))
        .setMaskHostSecrets(false).build();

    String text = String.join(" ", sandbox.wrap(List.of(claude.toString(), "-p"), workspace, List.of()));

    assertThat(root.toRealPath()).startsWith(Path.of("/tmp"));
    assertThat(text).contains("--tmpfs /tmp").contains("--ro-bind " + real(prefix) + " " + real(prefix));
    assertThat(text.indexOf("--ro-bind " + real(prefix))).isGreaterThan(text.indexOf("--tmpfs /tmp"));
  }

  @Test
  void anAgentThatLinksToAFileElsewhereUnderTmpHasThatFolderBoundToo() throws Exception {
    Path workspace = Files.createDirectories(root.resolve("ws"));
    Path realFolder = Files.createDirectories(root.resolve("bin"));
    Path program = Files.writeString(realFolder.resolve("fake-agent"), "#!/bin/sh\n");
    Path bin = Files.createDirectories(root.resolve("agents/claude/node_modules/.bin"));
    Path claude = Files.createSymbolicLink(bin.resolve("claude"), program);
    BwrapSandbox sandbox = BwrapSandbox.builder().setExecutable(Path.of("/usr/bin/bwrap"))
        .setMaskHostSecrets(false).build();

    String text = String.join(" ", sandbox.wrap(List.of(claude.toString(), "-p"), workspace, List.of()));

    assertThat(text).contains("--ro-bind " + real(root.resolve("agents/claude")) + " ")
        .contains("--ro-bind " + real(realFolder) + " " + real(realFolder));
  }

  @Test
  void pathBoundBothWaysIsWritable() throws Exception {
    Path workspace = Files.createDirectories(root.resolve("ws"));
    Path shared = Files.createDirectories(root.resolve("shared"));
    BwrapSandbox sandbox = BwrapSandbox.builder().setMaskHostSecrets(false).addReadOnlyBind(shared).build();

    String text = String.join(" ", sandbox.wrap(List.of("true"), workspace, List.of(shared)));

    assertThat(text).contains("--bind " + real(shared) + " " + real(shared))
        .doesNotContain("--ro-bind " + real(shared));
  }

  @Test
  void secretLocationThatHoldsABoundPathIsNotMasked() throws Exception {
    Path home = root.resolve("home");
    Files.createDirectories(home.resolve(".ssh"));
    Files.createDirectories(home.resolve(".docker/agent"));
    Path workspace = Files.createDirectories(root.resolve("ws"));
    BwrapSandbox sandbox = BwrapSandbox.builder().setHostHome(home).build();

    String text = String.join(" ", sandbox.wrap(List.of("true"), workspace, List.of(home.resolve(".docker/agent"))));

    assertThat(text).contains("--tmpfs " + real(home.resolve(".ssh")))
        .doesNotContain("--tmpfs " + real(home.resolve(".docker")));
  }

  @Test
  void secretLocationsInsideTheAgentsWritableHomeAreItsOwn() throws Exception {
    Path home = root.resolve("home");
    Files.createDirectories(home.resolve(".ssh"));
    Files.createDirectories(home.resolve(".claude"));
    Files.writeString(home.resolve(".claude/.credentials.json"), "{}");
    Path workspace = Files.createDirectories(root.resolve("ws"));
    BwrapSandbox sandbox = BwrapSandbox.builder().setHostHome(home).build();

    String asOwnHome = String.join(" ", sandbox.wrap(List.of("true"), workspace, List.of(home)));
    String withOtherHome = String.join(" ", sandbox.wrap(List.of("true"), workspace, List.of(root.resolve("h2"))));

    assertThat(asOwnHome).doesNotContain(real(home.resolve(".ssh"))).doesNotContain(".credentials.json");
    assertThat(withOtherHome).contains("--tmpfs " + real(home.resolve(".ssh")),
        "--ro-bind /dev/null " + real(home.resolve(".claude/.credentials.json")));
  }

  @Test
  void missingWorkspaceIsAClearError() {
    BwrapSandbox sandbox = BwrapSandbox.builder().build();
    assertThatThrownBy(() -> sandbox.wrap(List.of("true"), root.resolve("nope"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workspace " + root.resolve("nope") + " does not exist");
  }
}
