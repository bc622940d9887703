package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.testkit.fakecli.FakeAgentCli;
import dev.hotplex.testkit.fakecli.FakeCliLauncher;
import dev.hotplex.transport.ProcessReaper;
import dev.hotplex.transport.ProcessTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A CI job aborted hard ({@code kill -9} of {@code hotplex run}) leaves no agent running on the machine. */
@Timeout(90)
class KilledRunTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void killNineOfHotplexRunEndsItsAgent() throws Exception {
    Path fake = FakeCliLauncher.write(dir.resolve("bin"), FakeAgentCli.Mode.NORMAL);
    Path work = Files.createDirectories(dir.resolve("work"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        HotplexMain.class.getName(), "run", "--cli-path", fake.toString(), "--work-dir", work.toString(),
        "--agent-home", Files.createDirectories(dir.resolve("home")).toString(), "--sandbox", "off",
        "MODE:hang until hotplex is killed")
        .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile());
    builder.environment().put("ANTHROPIC_API_KEY", "sk-test-not-a-real-key");
    Process run = builder.start();
    String marker = null;
    try {
      marker = waitFor(() -> agentMarker(run), "the agent process of hotplex run");
      String mark = marker;
      assertThat(marked(mark)).as("the agent runs, marked").isNotEmpty();

      run.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up code runs
      assertThat(run.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

      waitFor(() -> marked(mark).isEmpty() ? Optional.of(true) : Optional.empty(),
          "every process with the agent's marker to die");
      assertThat(marked(mark)).isEmpty();
    } finally {
      run.destroyForcibly();
      if (marker != null) {
        marked(marker).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      }
    }
  }

  /** The marker in the environment of a process that {@code run} started, once the agent is up. */
  private static Optional<String> agentMarker(Process run) {
    return run.descendants().map(process -> markerOf(process.pid())).flatMap(Optional::stream).findFirst();
  }

  private static Optional<String> markerOf(long pid) {
    String prefix = ProcessTransport.MARKER_VARIABLE + "=";
    try {
      for (String variable : Files.readString(Path.of("/proc", Long.toString(pid), "environ")).split("\0")) {
        if (variable.startsWith(prefix)) {
          return Optional.of(variable.substring(prefix.length()));
        }
      }
    } catch (IOException gone) {
      // the process ended while it was looked at
    }
    return Optional.empty();
  }

  private static List<Long> marked(String marker) {
    return ProcessReaper.findMarked(ProcessTransport.MARKER_VARIABLE, marker);
  }

  interface Probe<T> {
    Optional<T> poll() throws Exception;
  }

  private <T> T waitFor(Probe<T> probe, String what) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      Optional<T> value = probe.poll();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; hotplex run printed:\n"
            + Files.readString(dir.resolve("run.log")));
      }
      Thread.sleep(50);
    }
  }
}
