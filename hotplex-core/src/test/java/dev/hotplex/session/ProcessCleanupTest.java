package dev.hotplex.session;

import static dev.hotplex.session.FakeAgents.TEST_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.Hotplex;
import dev.hotplex.testkit.fakecli.FakeAgentCli.Mode;
import java.nio.file.Path;
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
}
