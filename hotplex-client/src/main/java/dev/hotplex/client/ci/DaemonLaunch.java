package dev.hotplex.client.ci;

import dev.hotplex.client.HotplexClient;
import dev.hotplex.client.HotplexClientException;
import dev.hotplex.event.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a hotplex daemon for a CI run on a build agent, detached from the command that starts it, and attaches
 * to it. The command is a small POSIX shell script, so that a CI server can run it through whatever launches
 * processes there (a Jenkins {@code Launcher}, which may be decorated to run inside a Kubernetes container). It:
 *
 * <ul>
 *   <li>picks Java: {@code $HOTPLEX_JAVA}, else the Java the CI agent itself runs on when it exists in that
 *       environment, else {@code java} on {@code PATH}; none is a clear error;</li>
 *   <li>creates the state folder (mode 0700) with the agents' HOME inside it, and makes it the daemon's working
 *       folder, so that nothing in the checkout (a {@code .hotplex/agents} folder, say) is picked up;</li>
 *   <li>starts {@code hotplex serve --listen 127.0.0.1:0} with {@code nohup}, output to {@value #LOG_FILE}, with
 *       an idle exit as the safety net when nobody stops it;</li>
 *   <li>waits until the daemon wrote its discovery file, or fails with the end of its log when it exits first or
 *       takes too long.</li>
 * </ul>
 *
 * <p>The provider key reaches the daemon through the environment of the command, never its arguments.
 */
public final class DaemonLaunch {
  /** The daemon's output, in its state folder. */
  public static final String LOG_FILE = "daemon.log";
  /** The daemon exits this long after its last session and client are gone (default 10 min). */
  public static final Duration IDLE_EXIT = Duration.ofMinutes(Long.getLong("hotplex.ci.idleExitMinutes", 10));
  /** An agent stays warm this long without a turn (default 60 min); the conversation survives it. */
  public static final Duration SESSION_IDLE = Duration.ofMinutes(Long.getLong("hotplex.ci.sessionIdleMinutes", 60));
  /** How long the script waits for the daemon's discovery file (default 60 s). */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("hotplex.ci.startTimeoutSeconds", 60));
  /** How long {@link #attach} retries after the script said the daemon is up (default 10 s). */
  static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(10);

  static final String SCRIPT = String.join("\n",
      "java_hint=$1; state=$2; idle=$3; session_idle=$4; wait_s=$5; shift 5",
      "if [ -n \"${HOTPLEX_JAVA:-}\" ]; then java=$HOTPLEX_JAVA",
      "elif [ -x \"$java_hint\" ]; then java=$java_hint",
      "elif command -v java >/dev/null 2>&1; then java=java",
      "else echo 'hotplex: no Java here: put Java 17 or newer on PATH, or set HOTPLEX_JAVA' >&2; exit 3; fi",
      "mkdir -p \"$state/home\" && chmod 700 \"$state\" && cd \"$state\" || exit 3",
      "rm -f daemon.json",
      "nohup \"$java\" \"$@\" serve --listen 127.0.0.1:0 --state-dir \"$state\" --idle-exit \"$idle\" \\",
      "  --session-idle \"$session_idle\" --agent-home \"$state/home\" </dev/null >" + LOG_FILE + " 2>&1 &",
      "pid=$!; ticks=0",
      "while [ ! -f daemon.json ]; do",
      "  if ! kill -0 \"$pid\" 2>/dev/null; then",
      "    echo \"hotplex: the daemon ($java) exited at start; the end of $state/" + LOG_FILE + ":\" >&2",
      "    tail -n 20 " + LOG_FILE + " >&2; exit 1",
      "  fi",
      "  ticks=$((ticks + 1))",
      "  if [ \"$ticks\" -gt $((wait_s * 10)) ]; then",
      "    echo \"hotplex: the daemon did not start within ${wait_s}s; the end of $state/" + LOG_FILE + ":\" >&2",
      "    tail -n 20 " + LOG_FILE + " >&2; kill \"$pid\" 2>/dev/null; exit 1",
      "  fi",
      "  sleep 0.1",
      "done",
      "echo \"hotplex daemon pid $pid in $state\"",
      "");

  private DaemonLaunch() {}

  /**
   * The command that starts the daemon and returns once it is up (exit status 0), or fails with the end of its
   * log (1) or without Java (3).
   *
   * @param javaHint the Java executable of the CI agent's own JVM, used when it exists where the command runs
   * @param stateDir the daemon's state folder (created)
   * @param hotplex how Java runs hotplex: {@code ["-jar", "/path/hotplex.jar"]}, or a class path and main class
   */
  public static List<String> command(String javaHint, Path stateDir, List<String> hotplex) {
    return command(javaHint, stateDir, hotplex, START_TIMEOUT);
  }

  static List<String> command(String javaHint, Path stateDir, List<String> hotplex, Duration startTimeout) {
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "hotplex-daemon-launch", javaHint,
        stateDir.toString(), IDLE_EXIT.toSeconds() + "s", SESSION_IDLE.toSeconds() + "s",
        Long.toString(Math.max(1, startTimeout.toSeconds()))));
    command.addAll(hotplex);
    return List.copyOf(command);
  }

  /** The Java executable of the running JVM (on a CI agent: the agent's own Java). */
  public static String currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The pid the daemon in {@code stateDir} wrote to its discovery file, or -1 when there is none. A pid of the
   * daemon's own PID namespace: signal it from there (a command run where the daemon was started).
   */
  public static long daemonPid(Path stateDir) throws IOException {
    Path discovery = stateDir.resolve("daemon.json");
    if (!Files.isRegularFile(discovery)) {
      return -1;
    }
    return EventJson.mapper().readTree(Files.readString(discovery, StandardCharsets.UTF_8)).path("pid").asLong(-1);
  }

  /**
   * Asks the daemon in {@code stateDir} to stop and waits (at most {@code timeout}) until it has closed every
   * session, which it shows by removing its discovery file.
   *
   * @return true when it stopped in time, false when it is still stopping or no daemon answered there
   */
  public static boolean stop(Path stateDir, Duration timeout) throws InterruptedException {
    try {
      HotplexClient.attach(stateDir).shutdown();
    } catch (IOException noDaemon) {
      return false;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (Files.exists(stateDir.resolve("daemon.json"))) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  /**
   * A client of the daemon in {@code stateDir}, retrying for a few seconds. Liveness is judged by asking the
   * daemon, not by its pid, which another container of a pod cannot see.
   *
   * @throws HotplexClientException when it does not answer
   */
  public static HotplexClient attach(Path stateDir) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + ATTACH_TIMEOUT.toNanos();
    while (true) {
      try {
        return HotplexClient.attach(stateDir);
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new HotplexClientException("The hotplex daemon in " + stateDir + " does not answer: "
              + notYet.getMessage(), notYet);
        }
        Thread.sleep(100);
      }
    }
  }
}
