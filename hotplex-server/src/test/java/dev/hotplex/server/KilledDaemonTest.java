package dev.hotplex.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.client.HotplexClient;
import dev.hotplex.client.SessionInfo;
import dev.hotplex.client.SessionSpec;
import dev.hotplex.event.TurnResult;
import dev.hotplex.transport.ProcessReaper;
import dev.hotplex.transport.ProcessTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
class KilledDaemonTest {
  @TempDir Path dir;

  @Test
  void killNineOfTheDaemonLeavesNoAgentProcessBehindAndItsTurnStillEnds() throws Exception {
    Process daemon = startDaemon();
    long agentGroup = -1;
    try {
      HotplexClient client = awaitClient();
      SessionInfo session = client.createOrReuseSession(SessionSpec.named("doomed")
          .workDir(Files.createDirectories(dir.resolve("work"))));
      client.startTurn(session.id(), "MODE:hang until the daemon dies");
      waitUntil(() -> client.session(session.id()).pid() > 0, "the agent process");
      agentGroup = client.session(session.id()).pid(); // each agent leads its own process group
      long group = agentGroup;
      waitUntil(() -> liveMembers(group).size() >= 2, "the agent and its parent watcher");

      daemon.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up code runs
      assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();

      waitUntil(() -> liveMembers(group).isEmpty(), "the agent's process group to die");
      assertThat(liveMembers(group)).isEmpty();

      try (DaemonFixture next = new DaemonFixture(dir)) {
        TurnResult end = next.client.streamEvents(session.id(), 1, 0, (seq, event) -> { });
        assertThat(end.isError()).as("a turn cut short by the daemon's death ends as a failure").isTrue();
        assertThat(end.subtype()).isEqualTo("error_daemon_stopped");
      }
    } finally {
      daemon.destroyForcibly();
      if (agentGroup > 0) {
        new ProcessBuilder("kill", "-KILL", "--", "-" + agentGroup).start().waitFor(); // never leak on failure
      }
    }
  }

  @Test
  void killNineOfTheDaemonAlsoEndsWhatTheAgentsToolsDaemonized() throws Exception {
    Process daemon = startDaemon();
    String marker = null;
    try {
      HotplexClient client = awaitClient();
      SessionInfo session = client.createOrReuseSession(SessionSpec.named("daemonizing")
          .workDir(Files.createDirectories(dir.resolve("work"))));
      // The fake's tool run leaves a setsid'd sleep (outside the agent's group) and a nohup'd one behind.
      client.streamEvents(session.id(), client.startTurn(session.id(), "MODE:spawn-daemon go"), 0, (seq, e) -> { });
      marker = markerOf(client.session(session.id()).pid());
      String mark = marker;
      waitUntil(() -> marked(mark).size() >= 3, "the agent and the processes its tools left");

      daemon.destroyForcibly();
      assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();

      waitUntil(() -> marked(mark).isEmpty(), "every process with the agent's marker to die");
      assertThat(marked(mark)).isEmpty();
    } finally {
      daemon.destroyForcibly();
      if (marker != null) {
        marked(marker).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      }
    }
  }

  private static String markerOf(long pid) throws IOException {
    for (String variable : Files.readString(Path.of("/proc", Long.toString(pid), "environ")).split("\0")) {
      if (variable.startsWith(ProcessTransport.MARKER_VARIABLE + "=")) {
        return variable.substring(ProcessTransport.MARKER_VARIABLE.length() + 1);
      }
    }
    throw new AssertionError("agent pid " + pid + " has no " + ProcessTransport.MARKER_VARIABLE);
  }

  private static List<Long> marked(String marker) {
    return ProcessReaper.findMarked(ProcessTransport.MARKER_VARIABLE, marker);
  }

  /** A client of the daemon, once it wrote its discovery file. */
  private HotplexClient awaitClient() throws Exception {
    Path discovery = dir.resolve("state").resolve(Discovery.FILE_NAME);
    waitUntil(() -> Files.exists(discovery), "the daemon's discovery file");
    return HotplexClient.discover(dir.resolve("state"));
  }

  /** A daemon in its own JVM, its log in the test folder. */
  private Process startDaemon() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        DaemonProcessMain.class.getName(), dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
  }

  /** Processes of the group that are alive (not zombies), from /proc. */
  static List<Long> liveMembers(long pgid) throws IOException {
    List<Long> members = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path entry : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String stat;
        try {
          stat = Files.readString(entry.resolve("stat"));
        } catch (IOException gone) {
          continue;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        if (Long.parseLong(fields[2]) == pgid && !fields[0].equals("Z")) {
          members.add(Long.parseLong(entry.getFileName().toString()));
        }
      }
    }
    return members;
  }

  interface Check {
    boolean done() throws Exception;
  }

  private static void waitUntil(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + DaemonFixture.TIMEOUT.toNanos();
    while (!check.done()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
