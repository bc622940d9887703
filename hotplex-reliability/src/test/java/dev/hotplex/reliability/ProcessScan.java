package dev.hotplex.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds leftover processes in {@code /proc}, wherever they were reparented (init, a subreaper, another
 * session): a process is a trial's if its command line contains the trial's token or its environment holds the
 * agent's marker entry ({@code HOTPLEX_SESSION_MARK=...}). Zombies are not counted: they run nothing and vanish
 * when their parent reaps them.
 */
final class ProcessScan {
  private static final Path PROC = Path.of("/proc");
  private static final long SELF = ProcessHandle.current().pid();

  /** One live process. */
  record Proc(long pid, long ppid, long pgid, long sid, char state, String commandLine) {
    @Override
    public String toString() {
      String shown = commandLine.length() > 120 ? commandLine.substring(0, 120) + "..." : commandLine;
      return pid + " (ppid " + ppid + ", pgid " + pgid + ", sid " + sid + ", " + state + ") " + shown;
    }
  }

  private ProcessScan() {}

  /**
   * Live, non-zombie processes whose command line contains {@code token} or whose environment holds
   * {@code envEntry} (either may be null).
   */
  static List<Proc> find(String token, String envEntry) {
    byte[] entry = envEntry == null ? null : envEntry.getBytes(StandardCharsets.UTF_8);
    return matching(proc -> (token != null && proc.commandLine().contains(token))
        || (entry != null && environHas(proc.pid(), entry)));
  }

  /** Live, non-zombie processes (other than this JVM) that satisfy {@code test}. */
  static List<Proc> matching(Predicate<Proc> test) {
    List<Proc> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path dir : entries) {
        long pid = Long.parseLong(dir.getFileName().toString());
        if (pid == SELF) {
          continue;
        }
        read(pid).filter(proc -> proc.state() != 'Z' && test.test(proc)).ifPresent(found::add);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + PROC + ": the orphan checks need Linux /proc", e);
    }
    return found;
  }

  /**
   * Waits up to {@code bound} for {@link #find} to come back empty (a killed process takes a moment to vanish)
   * and returns what is still there.
   */
  static List<Proc> awaitGone(String token, String envEntry, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    List<Proc> left = find(token, envEntry);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      left = find(token, envEntry);
    }
    return left;
  }

  /** Waits up to {@code bound} until at least {@code count} processes match; returns whether they did. */
  static boolean awaitAtLeast(int count, Predicate<Proc> test, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      if (matching(test).size() >= count) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** The value of {@code name} in the environment of {@code pid}, if readable. */
  static Optional<String> environValue(long pid, String name) {
    byte[] data;
    try {
      data = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
    } catch (IOException e) {
      return Optional.empty();
    }
    String prefix = name + "=";
    for (String variable : new String(data, StandardCharsets.UTF_8).split("\0")) {
      if (variable.startsWith(prefix)) {
        return Optional.of(variable.substring(prefix.length()));
      }
    }
    return Optional.empty();
  }

  private static Optional<Proc> read(long pid) {
    Path dir = PROC.resolve(Long.toString(pid));
    try {
      String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
      // pid (comm) state ppid pgrp session ...; comm may hold spaces and parentheses, so split after the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      String commandLine = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ').strip();
      return Optional.of(new Proc(pid, Long.parseLong(fields[1]), Long.parseLong(fields[2]),
          Long.parseLong(fields[3]), fields[0].charAt(0), commandLine));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty(); // it ended while we looked
    }
  }

  private static boolean environHas(long pid, byte[] entry) {
    byte[] data;
    try {
      data = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
    } catch (IOException e) {
      return false;
    }
    int start = 0;
    for (int i = 0; i <= data.length; i++) {
      if (i == data.length || data[i] == 0) {
        if (i - start == entry.length && java.util.Arrays.equals(data, start, i, entry, 0, entry.length)) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }
}
