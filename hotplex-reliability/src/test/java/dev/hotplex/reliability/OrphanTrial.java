package dev.hotplex.reliability;

import dev.hotplex.event.TurnResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the orphan trials share: the tool call that tries to leave processes behind, how a trial ends, and the
 * tally of each (sandbox, ending) cell.
 *
 * <p>The tool call starts, each with the trial's token in its command line: {@code nohup sleep} (stays in the
 * tool's process group), {@code setsid sleep} (its own session and group) and a double fork
 * {@code ( (sleep &) & )} (reparented to init or a subreaper at once). A trial that must end while the tool
 * still runs adds a foreground {@code sleep}.
 */
final class OrphanTrial {
  /** How long leftovers get to vanish after the ending before they count. */
  static final Duration CLEANUP_BOUND = Duration.ofSeconds(15);
  /** The marker variable the engine puts in every agent's environment. */
  static final String MARKER_VARIABLE = "HOTPLEX_SESSION_MARK";

  /** How a trial ends. */
  enum Ending {
    /** The session is closed after the turn succeeded, with the daemons running. */
    STOP(null),
    /** The turn is cancelled while the tool call runs. */
    ABORT("error_cancelled"),
    /** The daemon's interrupt while the tool call runs: the agent ends the turn with its own error result. */
    INTERRUPT(null),
    /** The turn runs past its timeout while the tool call runs. */
    TIMEOUT("error_timeout"),
    /** The agent process is killed with SIGKILL while the tool call runs. */
    CRASH("error_process_exited"),
    /** The daemon is killed with SIGKILL while the tool call runs (daemon variant only). */
    DAEMON_CRASH("error_daemon_stopped");

    /** The subtype the turn must end with (STOP: a success; null: any failure). */
    final String subtype;

    Ending(String subtype) {
      this.subtype = subtype;
    }

    /** Whether {@code result} is what this ending must report; a stopped turn is never a success. */
    boolean expected(TurnResult result) {
      if (this == STOP) {
        return result != null && result.success();
      }
      return result != null && result.isError() && !result.success()
          && (subtype == null || subtype.equals(result.subtype()));
    }

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private OrphanTrial() {}

  /** The tool call: three processes that try to outlive it, then either a quick end or a long foreground sleep. */
  static String command(String token, boolean holdTheToolCall) {
    return "nohup sleep 600." + token + "1 >/dev/null 2>&1 & "
        + "setsid sleep 600." + token + "2 >/dev/null 2>&1 & "
        + "( (sleep 600." + token + "3 >/dev/null 2>&1 &) & ); "
        + (holdTheToolCall ? "sleep 600." + token + "4" : "echo started");
  }

  /** Waits until the three background sleeps of the trial run. */
  static boolean awaitDaemons(String token, Duration bound) throws InterruptedException {
    return ProcessScan.awaitAtLeast(3, proc -> proc.commandLine().matches("sleep 600\\." + token + "[123]"), bound);
  }

  /** The marker entry ({@code HOTPLEX_SESSION_MARK=...}) of the agent process {@code pid}, if readable. */
  static Optional<String> markerEntry(long pid) {
    return ProcessScan.environValue(pid, MARKER_VARIABLE).map(value -> MARKER_VARIABLE + "=" + value);
  }

  /** The Claude Code process among the marked ones (inside bwrap it is not the process hotplex started). */
  static Optional<Long> claudePid(String markerEntry, Path claude) throws IOException {
    Path binary = claude.toRealPath();
    for (ProcessScan.Proc proc : ProcessScan.find(null, markerEntry)) {
      try {
        if (Files.isSameFile(Path.of("/proc", Long.toString(proc.pid()), "exe").toRealPath(), binary)) {
          return Optional.of(proc.pid());
        }
      } catch (IOException gone) {
        // ended or unreadable: not the one
      }
    }
    return Optional.empty();
  }

  /** Kills what a failed trial left, after it was counted, so that it cannot disturb the next trials. */
  static void killAll(List<ProcessScan.Proc> left) {
    left.forEach(proc -> ProcessHandle.of(proc.pid()).ifPresent(ProcessHandle::destroyForcibly));
  }

  /** The counts of one (sandbox, ending) cell. */
  static final class Tally {
    int trials;
    /** Trials whose turn did not end as it must (e.g. reported success after an abort). */
    int wrongOutcomes;
    /** Trials in which the daemons never started, so there was nothing to leave behind. */
    int notStarted;
    /** Trials that left at least one process. */
    int withLeftovers;
    /** Processes left, over all trials. */
    int leftovers;
    long maxCleanupMillis;
    String firstProblem;

    void problem(String text) {
      if (firstProblem == null) {
        firstProblem = text;
      }
    }

    /** Counts a trial whose daemons never started (so it proved nothing). */
    void daemonsMissing(String token) {
      notStarted++;
      problem("the daemons of trial " + token + " never started");
    }

    /** Counts what a trial left {@code when} (e.g. "after close"). */
    void left(List<ProcessScan.Proc> left, String token, String when) {
      if (!left.isEmpty()) {
        withLeftovers++;
        leftovers += left.size();
        problem("trial " + token + " left " + left.size() + " process(es) " + when + ": " + left);
      }
    }

    /** Counts a turn that did not end as {@code ending} must. */
    void outcome(Ending ending, TurnResult result, String token) {
      if (!ending.expected(result)) {
        wrongOutcomes++;
        problem("trial " + token + " ended with " + (result == null ? "no result in time"
            : (result.success() ? "success" : result.subtype()) + " (" + result.errorMessage() + ")"));
      }
    }

    boolean clean() {
      return wrongOutcomes == 0 && notStarted == 0 && leftovers == 0;
    }
  }

  /** One tally per ending, in enum order. */
  static Map<Ending, Tally> tallies(List<Ending> endings) {
    Map<Ending, Tally> tallies = new EnumMap<>(Ending.class);
    endings.forEach(ending -> tallies.put(ending, new Tally()));
    return tallies;
  }
}
