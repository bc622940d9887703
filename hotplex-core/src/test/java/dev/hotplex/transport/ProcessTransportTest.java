package dev.hotplex.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotplex.session.AgentProcessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTransportTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Map<String, String> ENV = Map.of("PATH", System.getenv("PATH"), "ONLY_VAR", "yes");

  @TempDir Path dir;

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final ProcessTransport.Listener listener = new ProcessTransport.Listener() {
    @Override
    public void onLine(String line) {
      lines.add(line);
    }

    @Override
    public void onOversizedLine(long bytes) {
      lines.add("oversized " + bytes);
    }

    @Override
    public void onExit(int exitCode) {
      exit.complete(exitCode);
    }
  };

  private ProcessTransport start(String script) throws IOException {
    ProcessTransport transport = ProcessTransport.spawn(List.of("sh", "-c", script), dir, ENV);
    transport.startReading(listener);
    return transport;
  }

  @Test
  void agentSeesOnlyTheGivenEnvironmentAndItsMarker() throws Exception {
    ProcessTransport transport = ProcessTransport.spawn(List.of("env"), dir, ENV);
    transport.startReading(listener);

    assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
    assertThat(lines).containsExactlyInAnyOrder("PATH=" + System.getenv("PATH"), "ONLY_VAR=yes",
        ProcessTransport.MARKER_VARIABLE + "=" + transport.marker());
    transport.close();
  }

  @Test
  void agentRunsInItsOwnProcessGroupInTheWorkingDirectory() throws Exception {
    ProcessTransport transport = start("pwd; cut -d' ' -f5 /proc/$$/stat");
    exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(lines.get(0)).isEqualTo(dir.toRealPath().toString());
    assertThat(lines.get(1).trim()).isEqualTo(String.valueOf(transport.pid()));
    transport.close();
  }

  @Test
  void linesWrittenAreEchoedBack() throws Exception {
    ProcessTransport transport = start("read line; echo \"got $line\"");
    transport.writeLine("{\"hello\":\"wörld\"}");

    assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
    assertThat(lines).containsExactly("got {\"hello\":\"wörld\"}");
    transport.close();
  }

  @Test
  void writingToADeadProcessFailsWithItsExitCodeAndStderr() throws Exception {
    ProcessTransport transport = start("echo 'fatal: no key' >&2; exit 7");
    exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThatThrownBy(() -> transport.writeLine("{}")).isInstanceOf(AgentProcessException.class)
        .hasMessageContaining("exit code 7")
        .satisfies(e -> assertThat(((AgentProcessException) e).stderrTail()).isEqualTo("fatal: no key"));
    transport.close();
  }

  @Test
  void closeEscalatesToKillForAnAgentIgnoringEndOfInputAndTerm() throws Exception {
    Path ready = dir.resolve("ready");
    ProcessTransport transport = start("trap '' TERM; touch " + ready + "; while :; do sleep 1; done");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!Files.exists(ready) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    transport.close();

    assertThat(transport.isAlive()).isFalse();
    assertThat(ProcessReaper.findMarked(ProcessTransport.MARKER_VARIABLE, transport.marker())).isEmpty();
  }
}
