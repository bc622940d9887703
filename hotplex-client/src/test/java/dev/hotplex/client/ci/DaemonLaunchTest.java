package dev.hotplex.client.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch script with a stand-in for {@code java} that records how it was called and then behaves as told
 * ({@code FAKE_JAVA_MODE}): {@code up} writes the discovery file, {@code die} fails at once, {@code hang} never
 * starts. The real daemon behind the script is tested in hotplex-cli (CiDaemonTest).
 */
@Timeout(30)
class DaemonLaunchTest {
  @TempDir Path dir;

  private Path fakeJava() throws IOException {
    Path java = dir.resolve("bin/fake-java");
    Files.createDirectories(java.getParent());
    Files.writeString(java, String.join("\n",
        "#!/bin/sh",
        "printf '%s\\n' \"$@\" > \"$FAKE_JAVA_RECORD\"",
        "pwd >> \"$FAKE_JAVA_RECORD\"",
        "echo \"key=$ANTHROPIC_API_KEY\" >> \"$FAKE_JAVA_RECORD\"",
        "case \"$FAKE_JAVA_MODE\" in",
        "  up) echo '{}' > daemon.json ;;",
        "  die) echo 'Error: UnsupportedClassVersionError: class file version 61.0'; exit 1 ;;",
        "  hang) exec sleep 30 ;;",
        "esac", ""));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    return java;
  }

  private record Ran(int status, String output) {}

  private Ran run(List<String> command, Map<String, String> environment) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("HOTPLEX_JAVA");
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return new Ran(process.exitValue(), output);
  }

  @Test
  void startsTheDaemonDetachedInItsStateFolderWithTheKeyOnlyInTheEnvironment() throws Exception {
    Path state = dir.resolve("state");
    Path record = dir.resolve("record.txt");

    Ran ran = run(DaemonLaunch.command(fakeJava().toString(), state, List.of("-jar", "/x/hotplex.jar")),
        Map.of("FAKE_JAVA_MODE", "up", "FAKE_JAVA_RECORD", record.toString(), "ANTHROPIC_API_KEY", "sk-secret"));

    assertThat(ran.status()).as(ran.output()).isZero();
    assertThat(ran.output()).contains("hotplex daemon pid").doesNotContain("sk-secret");
    assertThat(Files.readAllLines(record)).containsExactly("-jar", "/x/hotplex.jar", "serve", "--listen",
        "127.0.0.1:0", "--state-dir", state.toString(), "--idle-exit", DaemonLaunch.IDLE_EXIT.toSeconds() + "s",
        "--session-idle", DaemonLaunch.SESSION_IDLE.toSeconds() + "s", "--agent-home", state + "/home",
        state.toRealPath().toString(), "key=sk-secret");
    assertThat(Files.getPosixFilePermissions(state)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void hotplexJavaWinsOverTheAgentsJava() throws Exception {
    Path record = dir.resolve("record.txt");

    Ran ran = run(DaemonLaunch.command("/nonexistent/java", dir.resolve("state"), List.of("-jar", "h.jar")),
        Map.of("HOTPLEX_JAVA", fakeJava().toString(), "FAKE_JAVA_MODE", "up", "FAKE_JAVA_RECORD",
            record.toString()));

    assertThat(ran.status()).as(ran.output()).isZero();
    assertThat(record).exists();
  }

  @Test
  void daemonThatExitsAtStartFailsWithTheEndOfItsLog() throws Exception {
    Ran ran = run(DaemonLaunch.command(fakeJava().toString(), dir.resolve("state"), List.of("-jar", "h.jar")),
        Map.of("FAKE_JAVA_MODE", "die", "FAKE_JAVA_RECORD", dir.resolve("r").toString()));

    assertThat(ran.status()).isEqualTo(1);
    assertThat(ran.output()).contains("the daemon (" + dir.resolve("bin/fake-java") + ") exited at start")
        .contains("UnsupportedClassVersionError");
  }

  @Test
  void daemonThatNeverComesUpFailsAfterTheStartTimeoutAndIsStopped() throws Exception {
    Ran ran = run(DaemonLaunch.command(fakeJava().toString(), dir.resolve("state"), List.of("-jar", "h.jar"),
        Duration.ofSeconds(1)), Map.of("FAKE_JAVA_MODE", "hang", "FAKE_JAVA_RECORD", dir.resolve("r").toString()));

    assertThat(ran.status()).isEqualTo(1);
    assertThat(ran.output()).contains("did not start within 1s");
  }

  @Test
  void withoutAnyJavaTheMessageSaysWhatToInstall() throws Exception {
    Path emptyPath = Files.createDirectories(dir.resolve("empty-path"));

    Ran ran = run(DaemonLaunch.command("/nonexistent/java", dir.resolve("state"), List.of("-jar", "h.jar")),
        Map.of("PATH", emptyPath.toString()));

    assertThat(ran.status()).isEqualTo(3);
    assertThat(ran.output()).contains("put Java 17 or newer on PATH, or set HOTPLEX_JAVA");
  }
}
