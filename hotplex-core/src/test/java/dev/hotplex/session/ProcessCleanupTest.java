package dev.hotplex.session;

import static dev.hotplex.session.FakeAgents.TEST_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.Hotplex;
import dev.hotplex.event.TurnResult;
import dev.hotplex.testkit.fakecli.FakeAgentCli.Mode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCleanupTest {
  @TempDir Path dir;

  @Test
  void closeKillsProcessesThatLeftTheAgentsProcessGroup() throws Exception {
    Session session = Hotplex.session(FakeAgents.options(dir, Mode.SPAWN_DAEMON).build(), FakeAgents.registry());
    assertThat(session.send("start daemons", null).await(TEST_TIMEOUT).orElseThrow().success()).isTrue();
    String marker = ((AgentSession) session).processMarker().orElseThrow();
    long agentPid = session.pid().orElseThrow();
    // The agent itself plus a setsid'd sleep (own session) and a nohup'd sleep (agent's group).
    assertThat(FakeAgents.marked(marker)).contains(agentPid).hasSizeGreaterThanOrEqualTo(3);

    session.close();

    assertThat(FakeAgents.markedAfterDeath(marker)).isEmpty();
  }

  @Test
  void cancelledTurnLeavesNothingItsToolCallDaemonizedAndTheAgentStaysWarm() throws Exception {
    Session session = Hotplex.session(FakeAgents.options(dir, Mode.NORMAL).addAllowedTools("Bash").build(),
        FakeAgents.registry());
    try {
      assertThat(session.send("warm up", null).await(TEST_TIMEOUT).orElseThrow().success()).isTrue();
      long agentPid = session.pid().orElseThrow();
      String marker = ((AgentSession) session).processMarker().orElseThrow();
      Turn turn = session.send("MODE:daemon-then-hang go", null);
      // The allowed tool call left a setsid'd sleep (its own session) and a nohup'd one (the agent's group).
      long deadline = System.nanoTime() + TEST_TIMEOUT.toNanos();
      while (FakeAgents.marked(marker).size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(FakeAgents.marked(marker)).hasSizeGreaterThanOrEqualTo(3);

      turn.cancel();
      TurnResult cancelled = turn.await(TEST_TIMEOUT).orElseThrow();

      assertThat(cancelled.subtype()).isEqualTo("error_cancelled");
      assertThat(session.pid()).contains(agentPid);
      // Killed before the result was delivered; a killed process may take a moment to vanish on a busy machine.
      deadline = System.nanoTime() + TEST_TIMEOUT.toNanos();
      while (!FakeAgents.marked(marker).equals(List.of(agentPid)) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(FakeAgents.marked(marker)).containsExactly(agentPid);
      assertThat(session.send("still warm?", null).await(TEST_TIMEOUT).orElseThrow().text())
          .isEqualTo("ECHO: still warm?");
    } finally {
      session.close();
    }
  }
}
