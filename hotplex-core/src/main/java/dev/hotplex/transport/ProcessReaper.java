package dev.hotplex.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills agent processes and everything they started: the process group (via the {@code kill} command, since Java
 * cannot signal a group), the descendants Java still sees, and processes that left the group (a tool call that ran
 * {@code setsid sleep 600 &} or double-forked) found by the marker variable in {@code /proc/<pid>/environ}.
 * A JVM shutdown hook kills every agent still registered.
 */
public final class ProcessReaper {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessReaper.class);
  private static final Path PROC = Path.of("/proc");
  /** How long a {@code kill} command may take (milliseconds). */
  private static final long KILL_COMMAND_TIMEOUT_MS = 2_000;
  /** How often {@link #awaitGone} looks again (milliseconds). */
  private static final long GONE_POLL_MS = 10;
  private static final Set<ProcessTransport> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::killAllLive, "hotplex-agent-reaper"));
  }

  private ProcessReaper() {}

  static void register(ProcessTransport transport) {
    LIVE.add(transport);
  }

  static void unregister(ProcessTransport transport) {
    LIVE.remove(transport);
  }

  private static void killAllLive() {
    for (ProcessTransport transport : List.copyOf(LIVE)) {
      transport.kill();
    }
  }

  /** Sends {@code signal} (e.g. {@code TERM}, {@code KILL}) to every process in the group; quiet if none is left. */
  static void signalGroup(long pgid, String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!kill.waitFor(KILL_COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        kill.destroyForcibly();
      }
    } catch (IOException e) {
      LOG.debug("Could not run kill -{} for process group {}", signal, pgid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Forcibly kills every process whose environment holds {@code name=value}, except the pids in {@code keep};
   * returns the pids it killed.
   */
  static List<Long> killMarked(String name, String value, Set<Long> keep) {
    List<Long> pids = new ArrayList<>(findMarked(name, value));
    pids.removeAll(keep);
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    if (!pids.isEmpty()) {
      LOG.debug("Killed {} process(es) that left the agent's process group: {}", pids.size(), pids);
    }
    return pids;
  }

  /**
   * Waits, at most {@code timeout}, until none of {@code pids} runs any more. A zombie counts as gone: it has
   * exited and only waits for a parent that is not ours to reap it.
   */
  static void awaitGone(Collection<Long> pids, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Long> running = new ArrayList<>(pids);
    running.removeIf(pid -> !isRunning(pid));
    while (!running.isEmpty()) {
      if (System.nanoTime() - deadline >= 0) {
        LOG.warn("Processes {} were killed but still run after {} ms", running, timeout.toMillis());
        return;
      }
      try {
        Thread.sleep(GONE_POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      running.removeIf(pid -> !isRunning(pid));
    }
  }

  static boolean isRunning(long pid) {
    String stat;
    try {
      stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      return false;
    }
    // "pid (comm) S ...": the state follows the last ')', since comm may itself contain parentheses.
    int end = stat.lastIndexOf(')');
    return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
  }

  /**
   * The live processes whose environment holds {@code name=value} (read from {@code /proc/<pid>/environ}; processes
   * we may not read are skipped). Empty where there is no {@code /proc}.
   */
  public static List<Long> findMarked(String name, String value) {
    byte[] needle = (name + "=" + value).getBytes(StandardCharsets.UTF_8);
    List<Long> found = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path entry : entries) {
        long pid = Long.parseLong(entry.getFileName().toString());
        if (pid != self && environContains(entry.resolve("environ"), needle)) {
          found.add(pid);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Could not scan /proc for marked processes", e);
    }
    return found;
  }

  private static boolean environContains(Path environ, byte[] needle) {
    byte[] data;
    try {
      data = Files.readAllBytes(environ);
    } catch (IOException | RuntimeException e) {
      return false;
    }
    // Entries are NUL-separated NAME=value strings; match a whole entry.
    int start = 0;
    for (int i = 0; i <= data.length; i++) {
      if (i == data.length || data[i] == 0) {
        if (i - start == needle.length && regionEquals(data, start, needle)) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  private static boolean regionEquals(byte[] data, int offset, byte[] needle) {
    for (int i = 0; i < needle.length; i++) {
      if (data[offset + i] != needle[i]) {
        return false;
      }
    }
    return true;
  }
}
