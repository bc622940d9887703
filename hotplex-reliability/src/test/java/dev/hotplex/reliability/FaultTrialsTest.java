package dev.hotplex.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.Hotplex;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.session.Session;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.session.Turn;
import dev.hotplex.testkit.fakecli.FakeAgentCli;
import dev.hotplex.testkit.fakecli.FakeCliLauncher;
import dev.hotplex.testkit.model.ModelReply;
import dev.hotplex.testkit.model.ModelRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected again and again, with the real Claude Code CLI where it can show them and the test kit's
 * misbehaving fake CLI (behind the real Claude provider) where it cannot: the agent killed mid-turn, an agent
 * that hangs, a model API that fails or cannot be reached. Each must end the turn as a failure that says what
 * happened (never a success), leave no process, and the next turn must work and resume the conversation.
 */
class FaultTrialsTest {
  static final int TRIALS = Trials.count("faultTrials", 1, 20);
  @RegisterExtension
  static final Figures.Table TABLE = Figures.table(30, "faults",
      "Faults (each trial injects the fault into a fresh session)", "fault", "agent", "trials",
      "failed clearly", "success reported", "next turn recovered", "processes left", "slowest failure (ms)");

  @TempDir Path dir;
  @RegisterExtension final ClaudeRig rig = new ClaudeRig();

  /** The counts of one fault. */
  static final class Tally {
    int trials;
    int clear;
    int successReported;
    int recovered;
    int leftovers;
    long slowestMillis;
    String firstProblem;

    void failure(TurnResult result, long millis, boolean clearMessage) {
      trials++;
      slowestMillis = Math.max(slowestMillis, millis);
      if (result.success()) {
        successReported++;
        problem("a failed turn was reported as a success: " + result);
      } else if (clearMessage) {
        clear++;
      } else {
        problem("unclear failure: " + result.subtype() + ": " + result.errorMessage());
      }
    }

    void recovered(boolean yes, String what) {
      if (yes) {
        recovered++;
      } else {
        problem("the next turn did not recover: " + what);
      }
    }

    void left(List<ProcessScan.Proc> left) {
      leftovers += left.size();
      if (!left.isEmpty()) {
        problem("processes left: " + left);
      }
    }

    void problem(String text) {
      if (firstProblem == null) {
        firstProblem = text;
      }
    }

    void publish(String fault, String agent, boolean recoveryExpected) {
      TABLE.row(fault, agent, trials, clear, successReported, recoveryExpected ? recovered : "-", leftovers,
          slowestMillis);
      assertThat(firstProblem).as("%s (%s)", fault, agent).isNull();
      assertThat(clear).as("%s: every trial failed clearly", fault).isEqualTo(trials);
    }
  }

  @Test
  void agentKilledMidTurnFailsClearlyAndTheNextTurnResumesTheConversation() throws Exception {
    Tally tally = new Tally();
    for (int i = 0; i < TRIALS; i++) {
      String token = Trials.token();
      CountDownLatch asked = new CountDownLatch(1);
      rig.model.when(ModelRequest::lastUserTextContains, "SLOW-" + token).once().replyWith(request -> {
        asked.countDown();
        return ModelReply.text("too late").after(Duration.ofMinutes(5));
      });
      try (Session session = Hotplex.session(rig.options().build())) {
        TurnResult first = session.send("remember WORD-" + token, null).await(ClaudeRig.STEP).orElseThrow();
        String marker = session.pid().flatMap(OrphanTrial::markerEntry).orElseThrow();
        Turn slow = session.send("SLOW-" + token + " take your time", null);
        assertThat(asked.await(ClaudeRig.STEP.toSeconds(), TimeUnit.SECONDS)).isTrue();
        long killed = System.nanoTime();
        OrphanTrial.claudePid(marker, rig.claude).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        TurnResult failed = slow.await(ClaudeRig.STEP).orElseThrow();
        tally.failure(failed, (System.nanoTime() - killed) / 1_000_000,
            "error_process_exited".equals(failed.subtype()) && failed.errorMessage().contains("exit code")
                && failed.errorMessage().contains("resumes the conversation"));
        tally.left(ProcessScan.awaitGone(null, marker, OrphanTrial.CLEANUP_BOUND));
        TurnResult resumed = session.send("RESUME-" + token + " which word?", null).await(ClaudeRig.STEP)
            .orElseThrow();
        List<String> seen = rig.model.requests().stream().filter(r -> r.lastUserTextContains("RESUME-" + token))
            .findFirst().map(ModelRequest::userTexts).orElse(List.of());
        tally.recovered(resumed.success() && first.agentSessionId().equals(resumed.agentSessionId())
            && seen.contains("remember WORD-" + token), resumed + " saw " + seen);
      }
    }
    tally.publish("agent killed (SIGKILL) mid-turn; next turn resumes with --resume", "Claude Code", true);
  }

  @Test
  void agentThatIgnoresTheInterruptIsKilledAtTheTimeoutAndLeavesNothing() throws Exception {
    Tally tally = new Tally();
    Path argv = dir.resolve("argv.jsonl");
    for (int i = 0; i < TRIALS; i++) {
      SessionOptions options = fakeCli(Duration.ofSeconds(3)).environment("FAKE_CLI_ARGV_FILE", argv.toString())
          .interruptGrace(Duration.ofSeconds(1)).build();
      try (Session session = Hotplex.session(options)) {
        String conversation = session.send("warm up", null).await(ClaudeRig.STEP).orElseThrow().agentSessionId();
        String marker = session.pid().flatMap(OrphanTrial::markerEntry).orElseThrow();
        long started = System.nanoTime();
        TurnResult hung = session.send("MODE:hang-ignore-interrupt wait", null).await(ClaudeRig.STEP).orElseThrow();
        tally.failure(hung, (System.nanoTime() - started) / 1_000_000, "error_timeout".equals(hung.subtype())
            && hung.errorMessage().contains("timed out") && hung.errorMessage().contains("killed its process group"));
        tally.left(ProcessScan.awaitGone(null, marker, OrphanTrial.CLEANUP_BOUND));
        TurnResult next = session.send("are you back?", null).await(ClaudeRig.STEP).orElseThrow();
        List<String> launches = Files.readAllLines(argv);
        tally.recovered(next.success() && launches.get(launches.size() - 1).contains(conversation),
            next + " after " + launches);
      }
    }
    tally.publish("agent hangs and ignores the interrupt: timeout, interrupt, kill", "fake CLI", true);
  }

  @Test
  void hangingModelTimesOutTheTurnAndTheAgentStaysWarm() throws Exception {
    Tally tally = new Tally();
    for (int i = 0; i < TRIALS; i++) {
      String token = Trials.token();
      rig.model.when(ModelRequest::lastUserTextContains, "HANG-" + token).once()
          .reply(ModelReply.text("too late").after(Duration.ofMinutes(5)));
      try (Session session = Hotplex.session(rig.options().turnTimeout(Duration.ofSeconds(8)).build())) {
        session.send("warm up", null).await(ClaudeRig.STEP).orElseThrow();
        long pid = session.pid().orElseThrow();
        long started = System.nanoTime();
        TurnResult hung = session.send("HANG-" + token, null).await(ClaudeRig.STEP).orElseThrow();
        tally.failure(hung, (System.nanoTime() - started) / 1_000_000,
            "error_timeout".equals(hung.subtype()) && hung.errorMessage().contains("turn timeout of 8s"));
        TurnResult next = session.send("still there?", null).await(ClaudeRig.STEP).orElseThrow();
        tally.recovered(next.success() && session.pid().equals(java.util.Optional.of(pid)), String.valueOf(next));
      }
    }
    tally.publish("model hangs: turn timeout, the agent honours the interrupt and stays warm", "Claude Code", true);
  }

  @Test
  void modelApiErrorsFailTheTurnWithTheApisMessage() throws Exception {
    /** A scripted API failure and what the turn's error message must say. */
    record ApiFault(String name, ModelReply reply, boolean permanent, String said) {}
    List<ApiFault> faults = List.of(
        new ApiFault("HTTP 500", ModelReply.error(500, "api_error", "scripted outage"), false, "500"),
        new ApiFault("HTTP 429", ModelReply.error(429, "rate_limit_error", "scripted rate limit"), false, "429"),
        new ApiFault("HTTP 529", ModelReply.overloaded(), false, "529"),
        new ApiFault("HTTP 401", ModelReply.error(401, "authentication_error", "invalid x-api-key"), false,
            "Invalid API key"),
        // The CLI re-sends a 400 with simplified variants: every attempt must get it (see ModelReply).
        new ApiFault("HTTP 400", ModelReply.invalidRequest("scripted bad request"), true, "400"));
    for (ApiFault fault : faults) {
      Tally tally = new Tally();
      for (int i = 0; i < TRIALS; i++) {
        String token = Trials.token();
        var rule = rig.model.when(ModelRequest::lastUserTextContains, "APIERR-" + token);
        (fault.permanent() ? rule : rule.once()).reply(fault.reply());
        try (Session session = Hotplex.session(rig.options().build())) {
          long started = System.nanoTime();
          TurnResult failed = session.send("APIERR-" + token, null).await(ClaudeRig.STEP).orElseThrow();
          tally.failure(failed, (System.nanoTime() - started) / 1_000_000,
              failed.isError() && failed.errorMessage() != null && failed.errorMessage().contains(fault.said()));
          TurnResult next = session.send("and now?", null).await(ClaudeRig.STEP).orElseThrow();
          tally.recovered(next.success(), String.valueOf(next));
        }
      }
      tally.publish("model API answers " + fault.name(), "Claude Code", true);
    }
  }

  @Test
  void unreachableModelApiIsShownWhileTheAgentRetriesAndTheTurnFails() throws Exception {
    Tally tally = new Tally();
    int trials = Trials.count("unreachableTrials", 1, 3);
    for (int i = 0; i < trials; i++) {
      List<AgentEvent> events = new CopyOnWriteArrayList<>();
      SessionOptions options = rig.options().baseUrl("http://127.0.0.1:" + closedPort())
          .turnTimeout(Duration.ofSeconds(15)).build();
      try (Session session = Hotplex.session(options)) {
        long started = System.nanoTime();
        TurnResult failed = session.send("hello?", events::add).await(ClaudeRig.STEP).orElseThrow();
        boolean retriesShown = events.stream().filter(AgentEvents.Error.class::isInstance)
            .map(e -> ((AgentEvents.Error) e).message()).anyMatch(m -> m.contains("model API call failed"));
        tally.failure(failed, (System.nanoTime() - started) / 1_000_000,
            "error_timeout".equals(failed.subtype()) && retriesShown);
      }
    }
    tally.publish("model API unreachable (closed port): retries shown, turn times out", "Claude Code", false);
  }

  /** Options running the fake CLI (with the real Claude provider) in a fresh folder. */
  private SessionOptions.Builder fakeCli(Duration turnTimeout) throws IOException {
    Path cli = FakeCliLauncher.write(dir.resolve("bin"), FakeAgentCli.Mode.NORMAL);
    return rig.options().cliPath(cli).turnTimeout(turnTimeout);
  }

  /** A loopback port nothing listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
