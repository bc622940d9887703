package dev.hotplex.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotplex.client.HotplexClientException;
import dev.hotplex.client.SessionInfo;
import dev.hotplex.client.SessionSpec;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.testkit.fakecli.FakeAgentCli;
import dev.hotplex.testkit.fakecli.FakeCliLauncher;
import dev.hotplex.testkit.model.ModelReply;
import dev.hotplex.testkit.model.ModelRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage faults: the daemon's disk fills up under its turn logs (a 256 KiB tmpfs in a private mount namespace,
 * filled from outside through {@code /proc/<pid>/root}), its state folder cannot be created, the audit log cannot
 * be written. Each must be a clear error that names the file and the cause, and lose no event a client waits
 * for.
 */
class StorageFaultsTest {
  static final int TRIALS = Trials.count("diskTrials", 1, 5);
  @RegisterExtension
  static final Figures.Table TABLE = Figures.table(31, "faults-storage", "Storage faults", "fault", "trials",
      "clear error", "silent or success reported", "events lost", "recovered after space was freed");

  @TempDir Path dir;

  @Test
  void fullDiskUnderTheTurnLogsIsAClearErrorAndLosesNoEvent() throws Exception {
    assumeTrue(privateMountsWork(), "needs root and unshare to mount a private tmpfs; skipped");
    int clear = 0;
    int silent = 0;
    int lost = 0;
    int recovered = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      Path daemonDir = Files.createDirectories(dir.resolve("disk-" + trial));
      Path sessions = Files.createDirectories(daemonDir.resolve("state/sessions"));
      List<String> tinyDisk = List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
          "mount -t tmpfs -o size=256k tmpfs \"$0\" && exec \"$@\"", sessions.toString());
      Path cli = FakeCliLauncher.write(daemonDir.resolve("bin"), FakeAgentCli.Mode.NORMAL);
      try (DaemonProcess daemon = DaemonProcess.start(daemonDir, cli, "off", Map.of(), List.of(), false, tinyDisk)) {
        SessionInfo session = daemon.client.createOrReuseSession(SessionSpec.named("disk")
            .workDir(Files.createDirectories(daemonDir.resolve("work"))));
        assertThat(turn(daemon, session.id(), "before the disk filled", new CopyOnWriteArrayList<>()).success())
            .isTrue();
        Path filler = daemon.view(sessions.resolve("filler"));
        fill(filler);

        List<AgentEvent> events = new CopyOnWriteArrayList<>();
        String prompt = "after the disk filled " + "x".repeat(4096);
        try {
          TurnResult result = turn(daemon, session.id(), prompt, events);
          boolean said = events.stream().filter(AgentEvents.Error.class::isInstance)
              .map(e -> ((AgentEvents.Error) e).message())
              .anyMatch(m -> m.contains("No space left on device") && m.contains("turn log"));
          if (said) {
            clear++;
          } else {
            silent++;
          }
          if (!result.success() || !result.text().equals("ECHO: " + prompt)) {
            lost++;
          }
        } catch (HotplexClientException refused) {
          if (refused.getMessage().contains("No space left on device")) {
            clear++;
          } else {
            silent++;
          }
        }
        Files.delete(filler);
        recovered += turn(daemon, session.id(), "space is back", new CopyOnWriteArrayList<>()).success() ? 1 : 0;
      }
    }
    TABLE.row("daemon's disk full under its turn logs (256 KiB tmpfs)", TRIALS, clear, silent, lost, recovered);
    assertThat(clear).as("a clear error naming the cause, every time").isEqualTo(TRIALS);
    assertThat(lost).as("the client still got the turn's events and result").isZero();
    assertThat(recovered).isEqualTo(TRIALS);
  }

  @Test
  void unusableStateFolderStopsTheDaemonAtOnceWithItsPath() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "a file where the state folder should go");
    Path state = file.resolve("state");

    CliRun serve = CliRun.hotplex(dir, Map.of(), List.of("serve", "--listen", "127.0.0.1:0", "--state-dir",
        state.toString()), Duration.ofSeconds(60));

    boolean clear = serve.exitCode() != 0 && serve.stderr().contains(file.toString());
    TABLE.row("hotplex serve with a state folder that cannot be created", 1, clear ? 1 : 0, clear ? 0 : 1, "-",
        "-");
    assertThat(serve.exitCode()).as(serve.stderr()).isNotZero();
    assertThat(serve.stderr()).contains(file.toString());
  }

  @Test
  void auditLogOnAFullDiskDeniesTheCallAndFailsTheRun() throws Exception {
    try (ClaudeRig rig = new ClaudeRig().start()) {
      int clear = 0;
      int ran = 0;
      for (int trial = 0; trial < TRIALS; trial++) {
        String token = Trials.token();
        Path work = Files.createDirectories(dir.resolve("audit-" + trial));
        rig.model.when(ModelRequest::lastUserTextContains, "AUDIT-" + token).once()
            .reply(ModelReply.bash("touch ran-" + token, "create a file"));
        // /dev/full opens fine and fails every write with "No space left on device", like a full disk.
        CliRun run = CliRun.hotplex(work, Map.of("ANTHROPIC_API_KEY", ClaudeRig.API_KEY), List.of("run",
            "--cli-path", rig.claude.toString(), "--base-url", rig.model.baseUrl(), "--work-dir", work.toString(),
            "--agent-home", Files.createDirectories(work.resolve("home")).toString(), "--allowed-tools", "Bash",
            "--sandbox", "off", "--audit-log", "/dev/full", "AUDIT-" + token));
        if (Files.exists(work.resolve("ran-" + token))) {
          ran++;
        }
        if (run.exitCode() == 3 && run.stderr().contains("could not be written to the audit log")
            && run.stderr().contains("No space left on device")) {
          clear++;
        }
      }
      TABLE.row("hotplex run --audit-log on a full disk (/dev/full)", TRIALS, clear, TRIALS - clear,
          ran + " unaudited calls ran", "-");
      assertThat(ran).as("a call that cannot be audited never runs").isZero();
      assertThat(clear).as("exit 3 with the cause, every time").isEqualTo(TRIALS);
    }
  }

  private static TurnResult turn(DaemonProcess daemon, String session, String prompt, List<AgentEvent> events)
      throws IOException, InterruptedException {
    int turn = daemon.client.startTurn(session, prompt);
    return daemon.client.streamEvents(session, turn, 0, (seq, event) -> events.add(event));
  }

  /** Writes zeros until the file system is full. */
  private static void fill(Path filler) throws IOException {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      for (int i = 0; i < 1024; i++) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      return; // "No space left on device": what we wanted
    }
    throw new IllegalStateException("the tmpfs did not fill up");
  }

  /** Whether this process may mount a tmpfs in a private mount namespace (root with unshare). */
  private static boolean privateMountsWork() throws InterruptedException {
    try {
      Process probe = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c",
          "mount -t tmpfs -o size=64k tmpfs /mnt").redirectErrorStream(true).start();
      return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
