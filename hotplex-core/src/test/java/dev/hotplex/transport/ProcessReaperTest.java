package dev.hotplex.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessReaperTest {
  @Test
  void awaitGoneReturnsOnlyOnceAKilledProcessHasStopped() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "600").start();
    assertThat(ProcessReaper.isRunning(sleeper.pid())).isTrue();
    sleeper.destroyForcibly();

    ProcessReaper.awaitGone(List.of(sleeper.pid()), Duration.ofSeconds(10));

    assertThat(ProcessReaper.isRunning(sleeper.pid())).isFalse();
  }

  @Test
  void awaitGoneGivesUpAfterTheTimeoutOnAProcessThatStillRuns() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "600").start();
    try {
      ProcessReaper.awaitGone(List.of(sleeper.pid()), Duration.ofMillis(50));

      assertThat(sleeper.isAlive()).isTrue();
    } finally {
      sleeper.destroyForcibly().waitFor();
    }
  }

  @Test
  void aPidThatDoesNotExistIsNotRunning() {
    assertThat(ProcessReaper.isRunning(Long.MAX_VALUE)).isFalse();
  }
}
