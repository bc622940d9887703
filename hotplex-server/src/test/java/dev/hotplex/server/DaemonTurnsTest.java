package dev.hotplex.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.client.SessionInfo;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DaemonTurnsTest {
  @TempDir Path dir;

  @Test
  void turnStreamsEventsAndEndsWithItsResult() throws Exception {
    try (DaemonFixture daemon = new DaemonFixture(dir)) {
      SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("review"));
      int turn = daemon.client.startTurn(session.id(), "hello daemon");
      List<AgentEvent> events = new CopyOnWriteArrayList<>();
      TurnResult result = daemon.client.streamEvents(session.id(), turn, 0, (seq, event) -> events.add(event));

      assertThat(result.isError()).as(result.errorMessage()).isFalse();
      assertThat(result.text()).isEqualTo("ECHO: hello daemon");
      assertThat(events).last().isEqualTo(result);
      assertThat(events).filteredOn(AgentEvents.Text.class::isInstance).isNotEmpty();
    }
  }
}
