package dev.hotplex.cli.action;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.EventRenderer;
import dev.hotplex.event.TurnResult;
import dev.hotplex.session.Session;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.session.Turn;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The action's one warm agent session: sends prompts one after another, streams each as a collapsible log group
 * (with workflow commands switched off, so the agent's output cannot issue any), keeps the statistics, enforces
 * {@code max_turns} and the run's total time limit, and closes the agent however the step ends (a cancelled job
 * stops the JVM, and a shutdown hook stops the agent first).
 */
final class AgentRunner implements AutoCloseable {
  /** How one prompt ended; {@code failure} is null on success, else the sentence to report. */
  record Outcome(TurnResult result, String failure) {
    boolean ok() {
      return failure == null;
    }
  }

  private final Session session;
  private final WorkflowCommands commands;
  private final RunStats stats;
  private final TurnLimit limit;
  private final EventRenderer renderer = EventRenderer.create();
  private final AtomicReference<Turn> running = new AtomicReference<>();
  private final Duration timeout;
  private final long deadlineNanos;
  private final Thread onShutdown;

  private AgentRunner(Function<TurnLimit, Session> open, int maxTurns, Duration timeout, WorkflowCommands commands,
      RunStats stats) {
    this.commands = commands;
    this.stats = stats;
    this.timeout = timeout;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    // Cancelled on another thread: the limit notices inside an event callback, which must not block on the turn.
    this.limit = new TurnLimit(maxTurns, () -> CompletableFuture.runAsync(this::cancelRunning));
    this.session = open.apply(limit);
    this.onShutdown = new Thread(this::stopOnShutdown, "hotplex-action-shutdown");
    Runtime.getRuntime().addShutdownHook(onShutdown);
  }

  /**
   * Opens the session: {@code options} with the turn limit in front of its permission handler.
   *
   * @throws dev.hotplex.session.HotplexException when the session cannot be opened
   */
  static AgentRunner open(SessionOptions options, int maxTurns, Duration timeout,
      Function<SessionOptions, Session> sessions, WorkflowCommands commands, RunStats stats) {
    return new AgentRunner(limit -> sessions.apply(options.toBuilder()
        .permissionHandler(limit.guard(options.permissionHandler()))
        .turnTimeout(timeout).build()), maxTurns, timeout, commands, stats);
  }

  /** Runs the prompts in order and stops at the first that fails; the outcome of the last one run. */
  Outcome run(List<String> prompts) throws InterruptedException {
    Outcome last = new Outcome(null, "there was no prompt to run");
    for (int i = 0; i < prompts.size(); i++) {
      String firstLine = prompts.get(i).strip().lines().findFirst().orElse("");
      last = prompt(prompts.get(i), "hotplex: prompt " + (i + 1) + " of " + prompts.size() + ": "
          + (firstLine.length() > 80 ? firstLine.substring(0, 80) + "…" : firstLine));
      if (!last.ok()) {
        break;
      }
    }
    return last;
  }

  /** Runs one prompt to its end and says how it went. */
  Outcome prompt(String prompt, String title) throws InterruptedException {
    if (remaining().isNegative() || remaining().isZero()) {
      return new Outcome(null, timeoutMessage() + " The prompt \"" + title + "\" did not start.");
    }
    stats.startPrompt();
    limit.startPrompt();
    commands.group(title);
    String token = commands.stopCommands();
    TurnResult result;
    boolean timedOut = false;
    try {
      Turn turn = session.send(prompt, this::onEvent);
      running.set(turn);
      var finished = turn.await(remaining());
      if (finished.isEmpty()) {
        timedOut = true;
        turn.cancel();
        finished = turn.await(Duration.ofMinutes(1));
      }
      result = finished.orElse(null);
    } finally {
      running.set(null);
      commands.print(renderer.finish());
      commands.resumeCommands(token);
      commands.endGroup();
    }
    return new Outcome(result, failure(result, timedOut));
  }

  private void onEvent(AgentEvent event) {
    stats.onEvent(event);
    limit.onEvent(event);
    commands.print(renderer.render(event));
  }

  private String failure(TurnResult result, boolean timedOut) {
    if (limit.exceeded()) {
      return limit.message();
    }
    if (timedOut) {
      return timeoutMessage();
    }
    if (result == null) {
      return "the agent did not end the prompt after being cancelled";
    }
    if (!result.isError()) {
      return null;
    }
    String why = result.errorMessage() != null ? result.errorMessage() : result.text();
    // Claude Code reports an unreachable model as subtype "success" with is_error: the subtype would mislead.
    String subtype = result.subtype() == null || "success".equals(result.subtype()) ? "" : " (" + result.subtype()
        + ")";
    return "the agent failed" + subtype + (why == null || why.isBlank() ? "" : ": " + why.strip());
  }

  private String timeoutMessage() {
    return "timeout_minutes (" + timeout.toMinutes() + ") reached: the run was stopped. Raise timeout_minutes or"
        + " ask for less.";
  }

  private Duration remaining() {
    return Duration.ofNanos(deadlineNanos - System.nanoTime());
  }

  private void cancelRunning() {
    Turn turn = running.get();
    if (turn != null) {
      turn.cancel();
    }
  }

  /** The JVM is stopping (the job was cancelled): stop the agent before it goes. */
  private void stopOnShutdown() {
    cancelRunning();
    session.close();
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(onShutdown);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs or ran and closes the session itself
    }
    session.close();
  }
}
