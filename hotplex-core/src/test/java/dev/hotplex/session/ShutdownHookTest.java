package dev.hotplex.session;

import static dev.hotplex.session.FakeAgents.TEST_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.Hotplex;
import dev.hotplex.testkit.fakecli.FakeAgentCli.Mode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownHookTest {
  @TempDir Path dir;

  @Test
  void agentsOfAJvmThatExitsWithoutClosingAreKilled() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process host = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        HostThatForgetsToClose.class.getName(), dir.toString()).redirectErrorStream(true).start();
    String marker;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(),
        StandardCharsets.UTF_8))) {
      marker = out.lines().filter(line -> line.startsWith("MARKER ")).findFirst().orElseThrow().substring(7);
    }
    assertThat(host.waitFor(TEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(host.exitValue()).as("the agent and its two daemons ran before the host exited").isZero();

    assertThat(FakeAgents.markedAfterDeath(marker)).isEmpty();
  }

  /** Opens a session, runs a turn that leaves daemons behind, prints the marker and exits without closing. */
  static final class HostThatForgetsToClose {
    public static void main(String[] args) throws Exception {
      Session session = Hotplex.session(FakeAgents.options(Path.of(args[0]), Mode.SPAWN_DAEMON).build(),
          FakeAgents.registry());
      session.send("start daemons", null).await(TEST_TIMEOUT).orElseThrow();
      String marker = ((AgentSession) session).processMarker().orElseThrow();
      List<Long> running = FakeAgents.marked(marker);
      System.out.println("RUNNING " + running);
      System.out.println("MARKER " + marker);
      System.out.flush();
      System.exit(running.size() >= 3 ? 0 : 1);
    }
  }
}
