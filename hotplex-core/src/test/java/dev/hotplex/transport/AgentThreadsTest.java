package dev.hotplex.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AgentThreadsTest {
  /** More blocked readers than the virtual-thread scheduler's 256 carriers. */
  private static final int BLOCKED_READERS = 300;

  @Test
  void readersArePlatformDaemonThreadsOnEveryRuntime() throws Exception {
    CompletableFuture<Thread> ran = new CompletableFuture<>();
    Thread thread = AgentThreads.start("hotplex-test-reader", () -> ran.complete(Thread.currentThread()));

    assertThat(ran.get(30, TimeUnit.SECONDS)).isSameAs(thread);
    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).isEqualTo("hotplex-test-reader");
    assertThat(thread.toString()).doesNotContain("VirtualThread");
    assertThat(AgentThreads.virtualThreads()).isEqualTo(Runtime.version().feature() >= 21);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void manyBlockedPipeReadersDoNotStallTheWorker() throws Exception {
    List<Process> processes = new ArrayList<>();
    try {
      for (int i = 0; i < BLOCKED_READERS; i++) {
        Process idle = new ProcessBuilder("cat").start();
        processes.add(idle);
        AgentThreads.start("hotplex-test-blocked-" + i, () -> drain(idle.getInputStream()));
      }
      CompletableFuture<String> task = CompletableFuture.supplyAsync(() -> "ran", AgentThreads.worker());

      assertThat(task.get(10, TimeUnit.SECONDS)).isEqualTo("ran");
    } finally {
      processes.forEach(Process::destroyForcibly);
    }
  }

  private static void drain(InputStream in) {
    try (in) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the process was killed
    }
  }
}
