package dev.hotplex.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxesTest {
  @TempDir Path fakePath;

  @Test
  void requiredWithoutBwrapOnPathSaysHowToInstallIt() {
    assertThatThrownBy(() -> Sandboxes.forMode(SandboxMode.REQUIRED, BwrapSandbox.builder(), fakePath.toString()))
        .isInstanceOf(SandboxUnavailableException.class)
        .hasMessageContaining("REQUIRED")
        .hasMessageContaining("not found on PATH (" + fakePath + ")")
        .hasMessageContaining("apt-get install bubblewrap")
        .hasMessageContaining("AUTO");
  }

  @Test
  void requiredWithBrokenBwrapShowsItsError() throws Exception {
    Path bwrap = fakePath.resolve("bwrap");
    Files.writeString(bwrap, "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n");
    Files.setPosixFilePermissions(bwrap, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThatThrownBy(() -> Sandboxes.forMode(SandboxMode.REQUIRED, BwrapSandbox.builder(), fakePath.toString()))
        .isInstanceOf(SandboxUnavailableException.class)
        .hasMessageContaining(bwrap.toString())
        .hasMessageContaining("bwrap: No permissions to create new namespace")
        .hasMessageContaining("exit 1");
  }

  @Test
  void bwrapIsCheckedOncePerExecutable() throws Exception {
    Path calls = fakePath.resolve("calls.log");
    Path bwrap = fakePath.resolve("bwrap");
    Files.writeString(bwrap, "#!/bin/sh\necho \"$*\" >> " + calls + "\n"
        + "[ \"$1\" = --version ] && echo 'bubblewrap 9.9.9'\nexit 0\n");
    Files.setPosixFilePermissions(bwrap, PosixFilePermissions.fromString("rwxr-xr-x"));

    Sandbox first = Sandboxes.forMode(SandboxMode.REQUIRED, BwrapSandbox.builder(), fakePath.toString());
    Sandbox second = Sandboxes.forMode(SandboxMode.AUTO, BwrapSandbox.builder(), fakePath.toString());

    assertThat(first.describe()).isEqualTo("bubblewrap 9.9.9");
    assertThat(second.describe()).isEqualTo("bubblewrap 9.9.9");
    assertThat(Files.readAllLines(calls)).hasSize(2)
        .anyMatch(line -> line.contains("--unshare-pid") && line.endsWith("-- true"));
    assertThat(first.wrap(java.util.List.of("true"), fakePath, java.util.List.of()).get(0))
        .isEqualTo(bwrap.toString());
  }

  @Test
  void autoWithoutBwrapRunsUnsandboxed() {
    assertThat(Sandboxes.forMode(SandboxMode.AUTO, BwrapSandbox.builder(), fakePath.toString()))
        .isSameAs(Sandbox.NONE);
  }

  @Test
  void offNeverLooksForBwrap() {
    assertThat(Sandboxes.forMode(SandboxMode.OFF)).isSameAs(Sandbox.NONE);
  }

  @Test
  void requiredWithWorkingBwrapDescribesItsVersion() {
    SandboxProcesses.assumeBwrapWorks();
    Sandbox sandbox = Sandboxes.forMode(SandboxMode.REQUIRED);
    assertThat(sandbox).isInstanceOf(BwrapSandbox.class);
    assertThat(sandbox.describe()).startsWith("bubblewrap ");
  }

  @Test
  void modeParsesAnyCaseAndNamesTheChoicesOtherwise() {
    assertThat(SandboxMode.parse(" Required ")).isEqualTo(SandboxMode.REQUIRED);
    assertThatThrownBy(() -> SandboxMode.parse("strict"))
        .hasMessageContaining("'strict'").hasMessageContaining("[off, auto, required]");
  }
}
