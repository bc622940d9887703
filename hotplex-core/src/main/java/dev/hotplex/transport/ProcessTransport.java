package dev.hotplex.transport;

import dev.hotplex.session.AgentProcessException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent process and its pipes. It moves lines and knows no protocol.
 *
 * <ul>
 *   <li>Spawn: in its own session and process group via the {@code setsid} executable (so its pid is its process
 *       group id), in the working directory, with exactly the environment given plus {@link #MARKER_VARIABLE}.
 *   <li>Read: stdout as UTF-8 lines capped at {@link #MAX_LINE_BYTES}, handed to the listener on the reader thread
 *       (that is the backpressure: nothing is queued); stderr into a bounded tail for error messages.
 *   <li>Close: close stdin, wait; SIGTERM the group, wait; SIGKILL the group, wait; then kill every process that
 *       escaped the group (descendants and marked processes). Every wait is bounded.
 * </ul>
 */
public final class ProcessTransport {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessTransport.class);

  /** The variable with a unique value in every agent's environment, to find processes that left its group. */
  public static final String MARKER_VARIABLE = "HOTPLEX_SESSION_MARK";
  /** Longest stdout line kept (default 16 MiB; system property {@code hotplex.transport.maxLineBytes}). */
  public static final int MAX_LINE_BYTES = Integer.getInteger("hotplex.transport.maxLineBytes", 16 * 1024 * 1024);
  /** Wait after closing stdin before SIGTERM (default 2 s; {@code hotplex.transport.stdinCloseGraceMs}). */
  public static final Duration STDIN_CLOSE_GRACE = millis("hotplex.transport.stdinCloseGraceMs", 2_000);
  /** Wait after SIGTERM before SIGKILL (default 2 s; {@code hotplex.transport.termGraceMs}). */
  public static final Duration TERM_GRACE = millis("hotplex.transport.termGraceMs", 2_000);
  /** Wait after SIGKILL (default 2 s; {@code hotplex.transport.killWaitMs}). */
  public static final Duration KILL_WAIT = millis("hotplex.transport.killWaitMs", 2_000);
  /** After exit, how long the readers may drain the pipes (default 2 s; {@code hotplex.transport.exitDrainMs}). */
  public static final Duration EXIT_DRAIN = millis("hotplex.transport.exitDrainMs", 2_000);
  private static final String SETSID = findSetsid();

  /** Receives what the process prints and when it ends. Callbacks must not throw (a throw is logged). */
  public interface Listener {
    /** One stdout line, on the stdout reader thread, in order. */
    void onLine(String line);

    /** A stdout line longer than {@link #MAX_LINE_BYTES} was skipped. */
    void onOversizedLine(long bytes);

    /** The process exited and its output was drained (bounded by {@link #EXIT_DRAIN}). */
    void onExit(int exitCode);
  }

  private final Process process;
  private final String marker;
  private final boolean ownGroup;
  private final StderrTail stderr = new StderrTail();
  private final AtomicLong linesRead = new AtomicLong();
  private final CountDownLatch readersDone = new CountDownLatch(2);
  private boolean closed;

  private ProcessTransport(Process process, String marker, boolean ownGroup) {
    this.process = process;
    this.marker = marker;
    this.ownGroup = ownGroup;
  }

  /**
   * Starts {@code command} in its own process group. Call {@link #startReading} next.
   *
   * @throws IOException when the executable cannot be started
   */
  public static ProcessTransport spawn(List<String> command, Path workDir, Map<String, String> environment)
      throws IOException {
    List<String> argv = new ArrayList<>();
    if (SETSID != null) {
      argv.add(SETSID);
    }
    argv.addAll(command);
    String marker = UUID.randomUUID().toString();
    ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.environment().put(MARKER_VARIABLE, marker);
    ProcessTransport transport = new ProcessTransport(AgentThreads.startProcess(builder), marker, SETSID != null);
    ProcessReaper.register(transport);
    LOG.debug("Started agent pid {} in {}: {}", transport.pid(), workDir, command.get(0));
    return transport;
  }

  /** Starts the stdout and stderr readers and the exit watch. */
  public void startReading(Listener listener) {
    LineFramer.Sink stdoutSink = new LineFramer.Sink() {
      @Override
      public void line(String line) {
        linesRead.incrementAndGet();
        try {
          listener.onLine(line);
        } catch (RuntimeException e) {
          LOG.info("Handling a line from agent pid {} failed", pid(), e);
        }
      }

      @Override
      public void oversized(long bytes) {
        listener.onOversizedLine(bytes);
      }
    };
    LineFramer.Sink stderrSink = new LineFramer.Sink() {
      @Override
      public void line(String line) {
        LOG.debug("agent {} stderr: {}", pid(), line);
        stderr.add(line);
      }

      @Override
      public void oversized(long bytes) {
        stderr.add("[hotplex skipped a stderr line of " + bytes + " bytes]");
      }
    };
    AgentThreads.start("hotplex-stdout-" + pid(), () -> pump(process.getInputStream(), MAX_LINE_BYTES, stdoutSink));
    AgentThreads.start("hotplex-stderr-" + pid(), () -> pump(process.getErrorStream(), StderrTail.MAX_CHARS,
        stderrSink));
    process.onExit().thenRunAsync(() -> {
      awaitReaders(EXIT_DRAIN);
      LOG.debug("Agent pid {} exited with code {}", pid(), process.exitValue());
      listener.onExit(process.exitValue());
    }, AgentThreads.worker());
  }

  private void pump(InputStream in, int cap, LineFramer.Sink sink) {
    try (in) {
      new LineFramer(cap, sink).pump(in);
    } catch (IOException e) {
      LOG.debug("Reading from agent pid {} stopped: {}", pid(), e.toString());
    } finally {
      readersDone.countDown();
    }
  }

  public long pid() {
    return process.pid();
  }

  /** The value of {@link #MARKER_VARIABLE} in this process's environment. */
  public String marker() {
    return marker;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, or -1 while the process runs. */
  public int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** Lines read from stdout so far. */
  public long linesRead() {
    return linesRead.get();
  }

  /** The end of what the process printed on stderr. */
  public String stderrTail() {
    return stderr.text();
  }

  /** Waits for the process to exit; true if it did. */
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /**
   * Writes one line and a newline to the agent's stdin.
   *
   * @throws AgentProcessException when the process has exited or its input is closed
   */
  public synchronized void writeLine(String line) {
    if (line.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a line sent to the agent must not contain a newline");
    }
    if (closed || !process.isAlive()) {
      throw deadProcess(null);
    }
    try {
      OutputStream stdin = process.getOutputStream();
      stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw deadProcess(e);
    }
  }

  private AgentProcessException deadProcess(IOException cause) {
    awaitExit(EXIT_DRAIN);
    int code = exitCode();
    AgentProcessException error = new AgentProcessException("Cannot write to the agent process (pid " + pid() + "): "
        + (code >= 0 ? "it exited with exit code " + code : "its input is closed") + ".", code, stderrTail());
    if (cause != null) {
      error.initCause(cause);
    }
    return error;
  }

  /** The live processes that carry this agent's marker: the agent, its tools and whatever they left running. */
  public Set<Long> markedProcesses() {
    return Set.copyOf(ProcessReaper.findMarked(MARKER_VARIABLE, marker));
  }

  /**
   * Kills the processes that carry this agent's marker except those in {@code keep} (say, the ones that ran
   * before a turn's first tool call), leaving the agent itself running, and waits (bounded) until they are gone;
   * returns how many it killed.
   */
  public int killMarkedExcept(Set<Long> keep) {
    List<Long> killed = ProcessReaper.killMarked(MARKER_VARIABLE, marker, keep);
    ProcessReaper.awaitGone(killed, KILL_WAIT);
    return killed.size();
  }

  /** Kills the process, its group and every process that escaped it, at once. Does not wait. */
  public void kill() {
    List<ProcessHandle> descendants = process.descendants().toList();
    if (ownGroup) {
      ProcessReaper.signalGroup(pid(), "KILL");
    }
    process.destroyForcibly();
    reapEscaped(descendants);
  }

  /**
   * Ends the process in bounded steps: close stdin, SIGTERM the group, SIGKILL the group, then kill escaped
   * processes. Idempotent; later calls return at once.
   */
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<ProcessHandle> descendants = process.descendants().toList();
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      LOG.debug("Closing stdin of agent pid {} failed: {}", pid(), e.toString());
    }
    if (!awaitExit(STDIN_CLOSE_GRACE)) {
      signal("TERM");
      if (!awaitExit(TERM_GRACE)) {
        signal("KILL");
        awaitExit(KILL_WAIT);
      }
    }
    // SIGKILL is delivered asynchronously: wait until the killed processes are really gone, so that "closed" means
    // nothing of the agent's is left running.
    ProcessReaper.awaitGone(reapEscaped(descendants), KILL_WAIT);
    awaitReaders(EXIT_DRAIN);
    ProcessReaper.unregister(this);
  }

  private void signal(String signal) {
    LOG.debug("Sending SIG{} to agent pid {}", signal, pid());
    if (ownGroup) {
      ProcessReaper.signalGroup(pid(), signal);
    } else if ("KILL".equals(signal)) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
  }

  /** Kills the group, the known descendants and the marked processes; returns the pids it signalled. */
  private Set<Long> reapEscaped(List<ProcessHandle> descendants) {
    if (ownGroup) {
      ProcessReaper.signalGroup(pid(), "KILL");
    }
    Set<Long> killed = new HashSet<>();
    Stream.concat(descendants.stream(), process.descendants()).forEach(handle -> {
      handle.destroyForcibly();
      killed.add(handle.pid());
    });
    killed.addAll(ProcessReaper.killMarked(MARKER_VARIABLE, marker, Set.of()));
    return killed;
  }

  private void awaitReaders(Duration timeout) {
    try {
      readersDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String findSetsid() {
    for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    LOG.info("No setsid executable (util-linux) found: agents will share hotplex's process group, and only their"
        + " descendants and marked processes are killed on close");
    return null;
  }

  private static Duration millis(String property, long defaultMillis) {
    return Duration.ofMillis(Long.getLong(property, defaultMillis));
  }
}
