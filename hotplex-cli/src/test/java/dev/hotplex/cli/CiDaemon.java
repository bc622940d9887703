package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.client.HotplexClient;
import dev.hotplex.client.ci.CiConsole;
import dev.hotplex.client.ci.CiTurns;
import dev.hotplex.client.ci.DaemonLaunch;
import dev.hotplex.client.ci.TurnLogTail;
import dev.hotplex.event.TurnResult;
import dev.hotplex.secrets.SecretMasker;
import dev.hotplex.sandbox.Sandbox;
import dev.hotplex.sandbox.SandboxMode;
import dev.hotplex.sandbox.Sandboxes;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A daemon started the way a CI plugin starts it: {@link DaemonLaunch}'s script, detached, with this test's class
 * path instead of the shaded jar, plus a follower that reads turn logs from offsets the way the Jenkins step does.
 */
final class CiDaemon implements AutoCloseable {
  /** How long a test waits for a turn's result. */
  static final Duration TURN_TIMEOUT = Duration.ofSeconds(90);

  final Path stateDir;
  final HotplexClient client;
  final long pid;

  private CiDaemon(Path stateDir, HotplexClient client, long pid) {
    this.stateDir = stateDir;
    this.client = client;
    this.pid = pid;
  }

  /** Starts a daemon in {@code stateDir} whose launch command gets {@code environment}. */
  static CiDaemon start(Path stateDir, Map<String, String> environment) throws Exception {
    requireClassesVisibleInTheSandbox();
    List<String> command = DaemonLaunch.command(DaemonLaunch.currentJava(), stateDir,
        List.of("-cp", System.getProperty("java.class.path"), HotplexMain.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process launch = builder.start();
    String output = new String(launch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(launch.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(launch.exitValue()).as(output).isZero();
    return new CiDaemon(stateDir, DaemonLaunch.attach(stateDir), DaemonLaunch.daemonPid(stateDir));
  }

  /**
   * The daemon runs its agents in bwrap where the machine has it (as the plugin starts it), with a private
   * {@code /tmp}: a fake agent started from a checkout under {@code /tmp} could not load its classes there.
   */
  private static void requireClassesVisibleInTheSandbox() {
    boolean underTmp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .anyMatch(entry -> Path.of(entry).toAbsolutePath().startsWith("/tmp"));
    assertThat(underTmp && Sandboxes.forMode(SandboxMode.AUTO) != Sandbox.NONE)
        .as("this checkout is under /tmp, which the daemon's bwrap sandbox replaces with an empty private /tmp,"
            + " so the fake agent cannot load its classes: run the tests from a clone outside /tmp").isFalse();
  }

  /**
   * Follows a turn's log to its result from byte 0, in reads of at most {@code chunkBytes}, rendering through
   * a CI console into {@code log}.
   */
  TurnResult follow(CiTurns.Started started, SecretMasker masker, StringBuilder log, int chunkBytes)
      throws IOException, InterruptedException {
    CiConsole console = new CiConsole(masker, started.turn());
    long offset = 0;
    long deadline = System.nanoTime() + TURN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      TurnLogTail.Chunk chunk = TurnLogTail.read(started.logFile(), offset, chunkBytes);
      offset = chunk.nextOffset();
      for (TurnLogTail.Entry entry : TurnLogTail.parse(chunk.lines())) {
        log.append(console.render(entry.event()));
        if (entry.event() instanceof TurnResult result) {
          log.append(console.finish());
          return result;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no result within " + TURN_TIMEOUT + "; log so far:\n" + log);
  }

  /** The end of the daemon's log, to explain a failed assertion. */
  String logTail() throws IOException {
    List<String> lines = Files.readAllLines(stateDir.resolve(DaemonLaunch.LOG_FILE), StandardCharsets.UTF_8);
    return "daemon log (last 40 lines):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40),
        lines.size()));
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Waits (bounded) until the process is gone. */
  static boolean gone(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (alive(pid) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return !alive(pid);
  }

  @Override
  public void close() throws InterruptedException {
    if (!DaemonLaunch.stop(stateDir, Duration.ofSeconds(20)) && alive(pid)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}
