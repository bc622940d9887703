package dev.hotplex.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AgentThreadsTest {
  /** More blocked readers than the virtual-thread scheduler's 256 carriers. */
  private static final int BLOCKED_READERS = 300;

  /**
   * A child with a parent-death signal (as {@code bwrap --die-with-parent} sets) started from a thread that then
   * ends must live on: Linux signals it when the forking thread exits, so the start must not happen there.
   */
  @Test
  void aProcessStartedFromAThreadThatEndsOutlivesThatThread() throws Exception {
    ProcessBuilder builder = new ProcessBuilder("setpriv", "--pdeathsig", "KILL", "sleep", "600");
    CompletableFuture<Process> started = new CompletableFuture<>();
    Thread shortLived = new Thread(() -> {
      try {
        Process process = AgentThreads.startProcess(builder);
        awaitCommandName(process, "sleep"); // setpriv has set the signal and exec'd sleep: now the thread may end
        started.complete(process);
      } catch (IOException | InterruptedException e) {
        started.completeExceptionally(e);
      }
    });
    shortLived.start();
    shortLived.join();
    Process process = started.get(30, TimeUnit.SECONDS);
    try {
      // Had the process been forked by the thread that just ended, the kernel would kill it now.
      assertThat(process.waitFor(1, TimeUnit.SECONDS)).as("the process was killed").isFalse();
    } finally {
      process.destroyForcibly().waitFor();
    }
  }

  private static void awaitCommandName(Process process, String name) throws IOException, InterruptedException {
    Path comm = Path.of("/proc", Long.toString(process.pid()), "comm");
    for (int i = 0; i < 500 && !Files.readString(comm).strip().equals(name); i++) {
      Thread.sleep(10);
    }
  }

  @Test
  void startFailuresAreThrownAsTheyWouldBeByProcessBuilder() {
    assertThatThrownBy(() -> AgentThreads.startProcess(new ProcessBuilder("/no/such/program")))
        .isInstanceOf(IOException.class).hasMessageContaining("/no/such/program");
  }

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
