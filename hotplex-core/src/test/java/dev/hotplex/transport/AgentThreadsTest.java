package dev.hotplex.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AgentThreadsTest {
  @Test
  void readersAreVirtualThreadsWhenTheRuntimeHasThem() throws Exception {
    CompletableFuture<Thread> ran = new CompletableFuture<>();
    Thread thread = AgentThreads.start("hotplex-test-reader", () -> ran.complete(Thread.currentThread()));

    assertThat(ran.get(30, TimeUnit.SECONDS)).isSameAs(thread);
    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).isEqualTo("hotplex-test-reader");
    assertThat(AgentThreads.virtualThreads()).isEqualTo(Runtime.version().feature() >= 21);
    assertThat(thread.toString().contains("VirtualThread")).isEqualTo(AgentThreads.virtualThreads());
  }
}
