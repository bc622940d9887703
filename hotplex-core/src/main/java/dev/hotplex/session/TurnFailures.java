package dev.hotplex.session;

import dev.hotplex.transport.ProcessTransport;
import java.time.Duration;

/** The words of the turn failures hotplex itself decides: what happened, and what to do about it. */
final class TurnFailures {
  private TurnFailures() {}

  /** The process exited while {@code turn} ran on it. */
  static String processExited(AgentTurn turn, AgentProcess from, LaunchPlan plan) {
    ProcessTransport transport = from.transport;
    boolean firstTurn = turn.processTurn == 1;
    boolean silent = transport.linesRead() == turn.linesAtStart;
    String tail = transport.stderrTail();
    return "The agent process (pid " + transport.pid() + ") exited with exit code " + transport.exitCode()
        + (firstTurn && silent ? " at start-up, before it answered turn " + turn.number() + "."
            : " during turn " + turn.number() + "; the next turn starts a new process that resumes the conversation.")
        + (firstTurn ? plan.missingKeyHint(from.launch) : "")
        + (tail.isBlank() ? " It printed nothing on stderr." : " stderr tail:\n" + tail);
  }

  /** Hotplex stopped {@code turn} (timeout, start-up timeout or cancel). */
  static String stopped(AgentTurn turn, SessionOptions options, boolean processGone) {
    String what = switch (turn.stopCause) {
      case TIMEOUT -> "Turn " + turn.number() + " timed out: it ran longer than the turn timeout of "
          + readable(options.turnTimeout()) + " (SessionOptions.turnTimeout)";
      case STARTUP -> "Turn " + turn.number() + " timed out at start-up: the agent printed nothing within the"
          + " start-up timeout of " + readable(options.startupTimeout()) + " (SessionOptions.startupTimeout)";
      case CANCEL -> "Turn " + turn.number() + " was cancelled";
    };
    String how = processGone
        ? "; hotplex interrupted the agent and, as it did not stop within the interrupt grace of "
            + readable(options.interruptGrace()) + ", killed its process group. The next turn starts a new process that resumes"
            + " the conversation."
        : "; hotplex interrupted the agent, which stopped.";
    return what + how;
  }

  /** {@code 1500ms}, {@code 3s}, {@code 30min}: how users write durations, not {@code PT3S}. */
  static String readable(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + "min" : seconds + "s";
  }

  /** Hotplex stopped {@code turn} before it was sent. */
  static String stoppedBeforeStart(AgentTurn turn) {
    return "Turn " + turn.number() + " was " + (turn.stopCause == AgentTurn.StopCause.CANCEL ? "cancelled"
        : "timed out") + " before it started.";
  }
}
