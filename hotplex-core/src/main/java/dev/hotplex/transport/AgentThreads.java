package dev.hotplex.transport;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's threads, shared by every session: one reader thread per process stream (virtual threads on Java
 * 21+, daemon platform threads on 17), one timer thread for all turn and idle timers, and one worker executor for
 * permission handlers, turn start-up and process clean-up. Nothing here is per session, so a pool of many idle
 * sessions costs no threads beyond its processes' readers.
 */
public final class AgentThreads {
  private static final ThreadFactory IO_THREADS = virtualThreadFactory();
  private static final ScheduledExecutorService TIMER = newTimer();
  private static final ExecutorService WORKER = newWorker();

  private AgentThreads() {}

  /** Starts a daemon thread (virtual when the runtime has them) running {@code task}. */
  public static Thread start(String name, Runnable task) {
    Thread thread = IO_THREADS != null ? IO_THREADS.newThread(task) : new Thread(task);
    thread.setName(name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** The single timer thread. Tasks run on it must be short: hand real work to {@link #worker()}. */
  public static ScheduledExecutorService timer() {
    return TIMER;
  }

  /** The shared executor for permission handlers, turn start-up and clean-up. */
  public static ExecutorService worker() {
    return WORKER;
  }

  /** True when readers and workers run on virtual threads. */
  public static boolean virtualThreads() {
    return IO_THREADS != null;
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
    if (IO_THREADS != null) {
      try {
        Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
        return (ExecutorService) perTask.invoke(null, IO_THREADS);
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
