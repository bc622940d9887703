package dev.hotplex.bench.scale;

import dev.hotplex.session.Session;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Closes many sessions with bounded parallelism (the pool's own close would start one closing task per session at
 * once), then makes sure no child process is left.
 */
final class SessionCloser {
  private static final int PARALLEL_CLOSES = 32;
  private static final Duration CLOSE_LIMIT = Duration.ofMinutes(5);

  private SessionCloser() {}

  static void closeAll(List<Session> sessions) throws InterruptedException {
    ExecutorService closer = Executors.newFixedThreadPool(PARALLEL_CLOSES);
    try {
      sessions.forEach(session -> closer.execute(session::close));
    } finally {
      closer.shutdown();
      closer.awaitTermination(CLOSE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      closer.shutdownNow();
    }
  }

  /** Waits until this JVM has no child process left; kills the rest. Returns how many had to be killed. */
  static int awaitNoChildren(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    left.forEach(ProcessHandle::destroyForcibly);
    return left.size();
  }
}
