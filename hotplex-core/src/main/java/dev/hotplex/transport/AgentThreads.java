package dev.hotplex.transport;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's threads, shared by every session: one reader thread per process stream (always a daemon platform
 * thread), one timer thread for all turn and idle timers, and one worker executor for permission handlers, turn
 * start-up and process clean-up (virtual threads on Java 21+, a cached pool of daemon platform threads on 17).
 * Nothing here is per session, so a pool of many idle sessions costs no threads beyond its processes' readers.
 *
 * <p>Readers are never virtual threads: a blocking read of a process pipe pins its carrier thread (JDK 21 to 25
 * read pipes with plain file I/O), and the scheduler adds at most 256 carriers, so a few hundred idle agents
 * would pin them all and stall every virtual thread, the worker's included (issue 8, measured on Temurin 25).
 */
public final class AgentThreads {
  private static final ThreadFactory VIRTUAL_THREADS = virtualThreadFactory();
  private static final ScheduledExecutorService TIMER = newTimer();
  private static final ExecutorService WORKER = newWorker();
  /**
   * The one thread that starts agent processes; it never ends. Linux sends a child its parent-death signal
   * ({@code bwrap --die-with-parent}, {@code PR_SET_PDEATHSIG}) when the <em>thread</em> that forked it exits, so a
   * child started from a pool thread that later retires is killed mid-turn (seen: sandboxed agents killed 60 s
   * into a long turn, when the cached pool's idle thread ended).
   */
  private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(daemonFactory("hotplex-spawner"));

  private AgentThreads() {}

  /** Starts a daemon platform thread running {@code task}, for reading a process stream. */
  public static Thread start(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Starts {@code builder}'s process from the spawner thread, which lives as long as the JVM, so the process's
   * parent-death signal fires only when hotplex itself is gone. Waits for the start even when interrupted (then
   * keeps the interrupt), so no started process is ever lost track of.
   *
   * @throws IOException when the process cannot be started
   */
  public static Process startProcess(ProcessBuilder builder) throws IOException {
    Future<Process> started = SPAWNER.submit(builder::start);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return started.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw new IllegalStateException("starting " + builder.command().get(0) + " failed", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The single timer thread. Tasks run on it must be short: hand real work to {@link #worker()}. */
  public static ScheduledExecutorService timer() {
    return TIMER;
  }

  /** The shared executor for permission handlers, turn start-up and clean-up. */
  public static ExecutorService worker() {
    return WORKER;
  }

  /** True when the worker runs tasks on virtual threads (Java 21+). */
  public static boolean virtualThreads() {
    return VIRTUAL_THREADS != null;
  }

  /** {@code Thread.ofVirtual().factory()}, looked up reflectively because we compile for Java 17. */
  private static ThreadFactory virtualThreadFactory() {
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Method factory = Class.forName("java.lang.Thread$Builder").getMethod("factory");
      return (ThreadFactory) factory.invoke(builder);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static ScheduledExecutorService newTimer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonFactory("hotplex-timer"));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  private static ExecutorService newWorker() {
    if (VIRTUAL_THREADS != null) {
      try {
        Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
        return (ExecutorService) perTask.invoke(null, VIRTUAL_THREADS);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // fall through to platform threads
      }
    }
    return Executors.newCachedThreadPool(daemonFactory("hotplex-worker"));
  }

  private static ThreadFactory daemonFactory(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
