package dev.hotplex.session;

import static dev.hotplex.session.FakeAgents.TEST_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotplex.event.TurnResult;
import dev.hotplex.testkit.fakecli.FakeAgentCli.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionPoolTest {
  private static final SessionKey A = SessionKey.of("build-1", "a");
  private static final SessionKey B = SessionKey.of("build-1", "b");
  private static final SessionKey C = SessionKey.of("build-1", "c");

  @TempDir Path dir;

  private SessionPool.Builder pool() {
    return SessionPool.builder().providers(FakeAgents.registry());
  }

  @Test
  void openingTheSameKeyAgainReturnsTheSameWarmSession() throws Exception {
    try (SessionPool pool = pool().build()) {
      SessionOptions options = FakeAgents.options(dir, Mode.NORMAL).build();
      Session first = pool.open(A, options);
      first.send("hi", null).await(TEST_TIMEOUT).orElseThrow();
      Session again = pool.open(A, options);

      assertThat(again).isSameAs(first);
      assertThat(again.pid()).isEqualTo(first.pid()).isPresent();
      assertThat(pool.find(A)).containsSame(first);
      assertThat(pool.sessions()).containsExactly(first);
    }
  }

  @Test
  void idleSessionIsClosedAfterTheIdleTimeoutButABusyOneIsNot() throws Exception {
    try (SessionPool pool = pool().idleTimeout(Duration.ofMillis(300)).build()) {
      Session session = pool.open(A, FakeAgents.options(dir, Mode.NORMAL).environment("FAKE_CLI_DELAY_MS", "1500")
          .build());
      // The turn lasts five idle timeouts: the session must stay open through it.
      TurnResult slow = session.send("MODE:slow take your time", null).await(TEST_TIMEOUT).orElseThrow();
      String marker = ((AgentSession) session).processMarker().orElseThrow();

      assertThat(slow.success()).isTrue();
      assertThat(awaitClosed(pool, A)).isTrue();
      assertThat(FakeAgents.markedAfterDeath(marker)).isEmpty();
      assertThatThrownBy(() -> session.send("too late", null)).isInstanceOf(SessionClosedException.class);
    }
  }

  @Test
  void fullPoolEvictsTheLeastRecentlyUsedIdleSession() throws Exception {
    try (SessionPool pool = pool().maxSessions(2).build()) {
      SessionOptions options = FakeAgents.options(dir, Mode.NORMAL).build();
      Session a = pool.open(A, options);
      Session b = pool.open(B, options);
      a.send("keep me warm", null).await(TEST_TIMEOUT).orElseThrow();
      Session c = pool.open(C, options);

      assertThat(pool.find(B)).isEmpty();
      assertThatThrownBy(() -> b.send("hi", null)).isInstanceOf(SessionClosedException.class);
      assertThat(pool.sessions()).containsExactlyInAnyOrder(a, c);
      assertThat(a.send("still here", null).await(TEST_TIMEOUT).orElseThrow().success()).isTrue();
    }
  }

  @Test
  void fullPoolOfBusySessionsRefusesANewOneClearly() throws Exception {
    SessionPool pool = pool().maxSessions(1).build();
    try {
      SessionOptions options = FakeAgents.options(dir, Mode.NORMAL).build();
      Session a = pool.open(A, options);
      Turn running = a.send("MODE:hang busy", null);

      assertThatThrownBy(() -> pool.open(B, options)).isInstanceOf(PoolExhaustedException.class)
          .hasMessageContaining("maxSessions 1").hasMessageContaining("running turns");
      assertThat(running.result()).isNotDone();
      pool.close();
      assertThat(running.await(TEST_TIMEOUT).orElseThrow().subtype()).isEqualTo("error_cancelled");
    } finally {
      pool.close();
    }
  }

  @Test
  void prewarmedProcessServesTheNextSessionBeforeItsFirstSend() throws Exception {
    try (SessionPool pool = pool().prewarm(true).build()) {
      SessionOptions options = FakeAgents.options(dir, Mode.NORMAL).build();
      Session first = pool.open(A, options);
      long standby = pool.standbyPid().orElseThrow();
      Session second = pool.open(B, options);

      assertThat(first.pid()).isEmpty();
      assertThat(second.pid()).contains(standby);
      TurnResult result = second.send("hi", null).await(TEST_TIMEOUT).orElseThrow();
      assertThat(result.success()).isTrue();
      assertThat(second.pid()).contains(standby);
      assertThat(pool.standbyPid()).isPresent().isNotEqualTo(Optional.of(standby));

      Session other = pool.open(C, FakeAgents.options(dir, Mode.NORMAL).model("another-model").build());
      assertThat(other.pid()).as("different options never take the standby").isEmpty();
    }
  }

  @Test
  void closingThePoolEndsEveryAgent() throws Exception {
    SessionPool pool = pool().prewarm(true).build();
    Session session = pool.open(A, FakeAgents.options(dir, Mode.NORMAL).build());
    session.send("hi", null).await(TEST_TIMEOUT).orElseThrow();
    String marker = ((AgentSession) session).processMarker().orElseThrow();
    long standby = pool.standbyPid().orElseThrow();

    pool.close();

    assertThat(FakeAgents.markedAfterDeath(marker)).isEmpty();
    assertThat(ProcessHandle.of(standby).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    assertThat(pool.sessions()).isEmpty();
    assertThatThrownBy(() -> pool.open(B, session.options())).isInstanceOf(SessionClosedException.class);
  }

  private static boolean awaitClosed(SessionPool pool, SessionKey key) throws InterruptedException {
    long deadline = System.nanoTime() + TEST_TIMEOUT.toNanos();
    while (pool.find(key).isPresent() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return pool.find(key).isEmpty();
  }
}
