package dev.hotplex.sandbox;

import static dev.hotplex.sandbox.SandboxProcesses.assumeBwrapWorks;
import static dev.hotplex.sandbox.SandboxProcesses.countProcessesRunning;
import static dev.hotplex.sandbox.SandboxProcesses.eventually;
import static dev.hotplex.sandbox.SandboxProcesses.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotplex.sandbox.SandboxProcesses.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BwrapSandboxTest {
  @TempDir Path workspace;
  @TempDir Path scratch;
  private final String marker = "hotplex-" + UUID.randomUUID();
  private Sandbox sandbox;

  @BeforeEach
  void requireBwrap() {
    assumeBwrapWorks();
    sandbox = Sandboxes.forMode(SandboxMode.REQUIRED);
  }

  private Run shell(String script, List<Path> writable) throws Exception {
    return run(sandbox.wrap(List.of("sh", "-c", script), workspace, writable), Map.of());
  }

  @Test
  void cannotWriteOutsideWorkspace() throws Exception {
    Path inEtc = Path.of("/etc", marker);
    Path inHome = Path.of(System.getProperty("user.home"), marker);

    Run run = shell("touch " + inEtc + "; echo etc=$?; touch \"$HOME/" + marker + "\"; echo home=$?", List.of());

    assertThat(run.output()).contains("etc=1", "home=1").contains("Read-only file system");
    assertThat(inEtc).doesNotExist();
    assertThat(inHome).doesNotExist();
  }

  @Test
  void canWriteInWorkspaceAndWritablePaths() throws Exception {
    Path agentHome = scratch.resolve("agent-home/not-yet-created");

    Run run = shell("echo ws > ws.txt && echo home > " + agentHome + "/home.txt && echo done", List.of(agentHome));

    assertThat(run.output()).contains("done");
    assertThat(workspace.resolve("ws.txt")).hasContent("ws");
    assertThat(agentHome.resolve("home.txt")).hasContent("home");
  }

  @Test
  void tmpIsPrivate() throws Exception {
    Run run = shell("echo x > /tmp/" + marker + " && cat /tmp/" + marker, List.of());

    assertThat(run.exitCode()).isZero();
    assertThat(run.output()).contains("x");
    assertThat(Path.of("/tmp", marker)).doesNotExist();
  }

  @Test
  void seesItselfAsLowPidInNewNamespace() throws Exception {
    Run run = shell("echo pid=$$; ls /proc | grep -c '^[0-9]*$'", List.of());

    String[] lines = run.output().strip().split("\n");
    int pid = Integer.parseInt(lines[0].substring("pid=".length()));
    assertThat(pid).isLessThanOrEqualTo(3);
    assertThat(Integer.parseInt(lines[1].strip())).isLessThan(10);
  }

  @Test
  void backgroundProcessDiesWhenSandboxIsKilled() throws Exception {
    String sleep = uniqueSleep();
    Process process = new ProcessBuilder(sandbox.wrap(List.of("sh", "-c", sleep + " & wait"), workspace,
        List.of())).redirectErrorStream(true).start();
    try {
      assertThat(eventually(() -> count(sleep) == 1)).as("the background sleep started").isTrue();

      process.destroyForcibly().waitFor(SandboxProcesses.TIMEOUT_SECONDS, TimeUnit.SECONDS);

      assertThat(eventually(() -> count(sleep) == 0)).as("no '%s' left running", sleep).isTrue();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void sigtermToTheEnginesProcessGroupEndsEverythingInside() throws Exception {
    String sleep = uniqueSleep();
    List<String> argv = new java.util.ArrayList<>(List.of("setsid"));
    argv.addAll(sandbox.wrap(List.of("sh", "-c", "setsid " + sleep + " & " + sleep.replace("600.", "601.")
        + " & wait"), workspace, List.of()));
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    try {
      assertThat(eventually(() -> count(sleep) == 1)).as("the detached sleep started").isTrue();

      Process kill = new ProcessBuilder("kill", "-TERM", "--", "-" + process.pid()).inheritIO().start();
      assertThat(kill.waitFor(SandboxProcesses.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();

      assertThat(process.waitFor(SandboxProcesses.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
      assertThat(eventually(() -> count(sleep) == 0 && count(sleep.replace("600.", "601.")) == 0))
          .as("nothing left running").isTrue();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void detachedProcessDiesWhenCommandExits() throws Exception {
    String sleep = uniqueSleep();

    Run run = shell("setsid " + sleep + " > /dev/null 2>&1 & echo left-behind", List.of());

    assertThat(run.output()).contains("left-behind");
    assertThat(eventually(() -> count(sleep) == 0)).as("no '%s' left running", sleep).isTrue();
  }

  @Test
  void hostSecretLocationsAreMasked() throws Exception {
    Path hostHome = scratch.resolve("host-home");
    Files.createDirectories(hostHome.resolve(".ssh"));
    Files.writeString(hostHome.resolve(".ssh/id_ed25519"), "PRIVATE KEY");
    Files.writeString(hostHome.resolve(".netrc"), "machine x password p");
    Files.writeString(hostHome.resolve("notes.txt"), "visible");
    sandbox = Sandboxes.forMode(SandboxMode.REQUIRED,
        BwrapSandbox.builder().setHostHome(hostHome).addReadOnlyBind(hostHome));

    Run run = shell("cd " + hostHome + " && echo ssh=[$(ls -A .ssh)] netrc=[$(cat .netrc)] notes=[$(cat notes.txt)]",
        List.of());

    assertThat(run.output()).contains("ssh=[]", "netrc=[]", "notes=[visible]").doesNotContain("PRIVATE");
  }

  @Test
  void rootCannotRemountTheHostWritable() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "only meaningful when the tests run as root");

    Run run = shell("mount -o remount,bind,rw / ; touch /etc/" + marker + "; echo etc=$?", List.of());

    assertThat(run.output()).contains("etc=1");
    assertThat(Path.of("/etc", marker)).doesNotExist();
  }

  private long count(String text) {
    try {
      return countProcessesRunning(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sleep whose argument is unique to this test, so /proc can tell it from every other process. */
  private static String uniqueSleep() {
    return "sleep 600." + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
  }
}
