package dev.hotplex.session;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.EventListener;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.PermissionHandler;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.provider.AgentSettings;
import dev.hotplex.secrets.SecretMasker;
import dev.hotplex.transport.AgentThreads;
import dev.hotplex.transport.ProcessTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link Session}: one long-lived agent process, one turn at a time, a FIFO of waiting turns.
 *
 * <p>State changes happen under the session's lock; listeners, handlers and process I/O run outside it. A turn
 * ends exactly once ({@link AgentTurn#end}), by the agent's result, the process's exit, a kill after a timeout or
 * cancel, or the session's close. A process that died is replaced at the next turn, resuming the conversation.
 */
final class AgentSession implements Session {
  private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);
  /** The longest a new process or close() waits for a retired process to be reaped (its close steps, bounded). */
  private static final Duration RETIRE_WAIT = Duration.ofSeconds(15);

  private final SessionKey key;
  private final LaunchPlan plan;
  private final SessionOptions options;
  private final Duration idleTimeout;
  private final Consumer<AgentSession> onClosed;
  private final Deque<AgentTurn> queue = new ArrayDeque<>();
  private AgentTurn current;
  private AgentProcess process;
  private String agentSessionId;
  private int turnCount;
  private boolean closed;
  private long lastUsedNanos = System.nanoTime();
  private ScheduledFuture<?> idleTimer;
  private CompletableFuture<Void> retiring = CompletableFuture.completedFuture(null);

  /**
   * @param idleTimeout close after this long without a turn, or null for never
   * @param onClosed told once, after the session closed
   */
  AgentSession(SessionKey key, LaunchPlan plan, Duration idleTimeout, Consumer<AgentSession> onClosed) {
    this.key = key;
    this.plan = plan;
    this.options = plan.options();
    this.idleTimeout = idleTimeout;
    this.onClosed = onClosed;
    this.agentSessionId = options.resumeSessionId();
    synchronized (this) {
      armIdleTimer();
    }
  }

  @Override
  public SessionKey key() {
    return key;
  }

  @Override
  public SessionOptions options() {
    return options;
  }

  @Override
  public SecretMasker secretMasker() {
    return plan.secretMasker();
  }

  @Override
  public Turn send(String prompt, EventListener listener) {
    Objects.requireNonNull(prompt, "prompt");
    AgentTurn turn;
    synchronized (this) {
      if (closed) {
        throw new SessionClosedException("Session " + key + " is closed (by its owner, idle timeout or eviction);"
            + " open a new session to continue.");
      }
      if (current != null && options.queueMode() == QueueMode.FAIL_FAST) {
        throw new SessionBusyException("Session " + key + " is running turn " + current.number() + " and is set to"
            + " fail fast (queueMode FAIL_FAST). Wait for that turn's result, or use queueMode QUEUE to wait in line.");
      }
      turn = new AgentTurn(this, ++turnCount, prompt, listener);
      lastUsedNanos = System.nanoTime();
      cancelIdleTimer();
      if (current != null) {
        queue.addLast(turn);
        LOG.debug("Session {} queued turn {} behind turn {}", key, turn.number(), current.number());
        return turn;
      }
      current = turn;
    }
    AgentThreads.worker().execute(() -> startTurn(turn));
    return turn;
  }

  /** The settings for the next process: resuming the conversation once there is one. */
  private AgentSettings nextSettings() {
    AgentSettings base = options.agentSettings();
    return agentSessionId == null ? base : base.resuming(agentSessionId);
  }

  /** The launch of this session's next process; a pre-warmed process with an equal launch can stand in. */
  synchronized LaunchPlan.Launch nextLaunch() {
    return plan.launch(nextSettings());
  }

  /** Takes over a pre-warmed process with the same launch. */
  synchronized void adopt(AgentProcess standby) {
    if (closed || process != null) {
      throw new IllegalStateException("session " + key + " cannot adopt a process now");
    }
    process = standby;
    standby.adopt(this);
  }

  private void startTurn(AgentTurn turn) {
    awaitRetired();
    AgentProcess p;
    Exception spawnError = null;
    synchronized (this) {
      if (current != turn || turn.ended() || closed) {
        return;
      }
      if (process == null || !process.alive()) {
        if (process != null) {
          process.release();
          process.transport.close(); // it exited already: close only reaps what it left, quickly
        }
        try {
          LaunchPlan.Launch launch = plan.launch(nextSettings());
          process = AgentProcess.spawn(plan, launch);
          process.adopt(this);
          LOG.info("Session {} started agent pid {}{}", key, process.transport.pid(),
              launch.settings().resumeSessionId() != null ? ", resuming its conversation" : "");
        } catch (IOException | RuntimeException e) {
          process = null;
          spawnError = e;
        }
      }
      p = process;
      if (p != null) {
        turn.process = p;
        turn.processTurn = p.beginTurn();
        turn.linesAtStart = p.transport.linesRead();
        turn.timer = AgentThreads.timer().schedule(() -> AgentThreads.worker().execute(
            () -> stop(turn, AgentTurn.StopCause.TIMEOUT)), options.turnTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (turn.processTurn == 1) {
          armStartupCheck(turn, p);
        }
      }
    }
    if (spawnError != null) {
      finish(turn, turn.failure("error_process_exited", "Could not start the agent CLI for session " + key + ": "
          + spawnError.getMessage() + ". Check that the CLI (and the sandbox, if any) can run on this machine.",
          agentSessionId().orElse(null)));
      return;
    }
    try {
      p.protocol.sendUserTurn(turn.prompt());
      boolean stopRequested;
      synchronized (this) {
        turn.promptSent = true;
        stopRequested = turn.stopCause != null;
      }
      if (stopRequested) {
        p.protocol.interrupt(); // stop() came before the prompt was written and left the interrupt to us
      }
    } catch (RuntimeException e) {
      if (!p.transport.awaitExit(ProcessTransport.EXIT_DRAIN)) {
        finish(turn, turn.failure("error_protocol", "Could not send turn " + turn.number() + " to the agent: "
            + e.getMessage(), agentSessionId().orElse(null)));
        return;
      }
      onProcessExit(p); // the process is gone: fail the turn with its exit code and stderr (once)
    }
  }

  /**
   * Stops the first turn of a fresh process if the process printed nothing at all within the start-up timeout (a
   * CLI that hangs before it starts would otherwise hold the turn for the whole turn timeout).
   */
  private void armStartupCheck(AgentTurn turn, AgentProcess p) {
    AgentThreads.timer().schedule(() -> {
      if (!turn.ended() && p.transport.linesRead() == 0) {
        AgentThreads.worker().execute(() -> stop(turn, AgentTurn.StopCause.STARTUP));
      }
    }, options.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** An event of the running turn, from the process's reader thread. */
  void onEvent(AgentProcess from, AgentEvent event) {
    AgentTurn turn;
    synchronized (this) {
      if (from != process || current == null || current.process != from) {
        LOG.debug("Session {} dropped a {} event with no turn running", key, event.getClass().getSimpleName());
        return;
      }
      turn = current;
      if (event instanceof AgentEvents.Init init && init.agentSessionId() != null) {
        agentSessionId = init.agentSessionId();
      }
    }
    turn.emit(event);
  }

  /** The agent ended the running turn. */
  void onAgentResult(AgentProcess from, TurnResult result) {
    AgentTurn turn;
    synchronized (this) {
      if (from != process || current == null || current.process != from) {
        LOG.debug("Session {} dropped a turn result with no turn running", key);
        return;
      }
      turn = current;
      String id = result.agentSessionId() != null ? result.agentSessionId() : from.protocol.agentSessionId()
          .orElse(null);
      if (id != null) {
        agentSessionId = id;
      }
    }
    if (turn.stopCause != null || turn.interruptRequested) {
      reapToolLeftovers(turn, from);
    }
    finish(turn, turn.stopCause != null ? stopped(turn, false) : result);
  }

  /**
   * A stopped turn whose agent lives on: kills what its tool calls left running, before the result goes out.
   * The agent kills a running tool call's own tree, but not what escaped it ({@code setsid}, a double fork), and
   * in a warm session that would live on until the session closes (issue 9).
   */
  private void reapToolLeftovers(AgentTurn turn, AgentProcess from) {
    Set<Long> before = turn.processesBeforeTools();
    if (before == null) {
      return;
    }
    int killed = from.transport.killMarkedExcept(before);
    if (killed > 0) {
      LOG.info("Session {}: killed {} process(es) that the tool calls of stopped turn {} left running", key,
          killed, turn.number());
    }
  }

  /** The process exited (its output is drained). Fails the turn it was running and cleans up what it left. */
  void onProcessExit(AgentProcess from) {
    AgentTurn turn = null;
    synchronized (this) {
      if (from != process) {
        return;
      }
      process = null;
      if (current != null && current.process == from) {
        turn = current;
      }
      retire(from); // before finish(), which may start the next turn: that turn waits for the retirement
    }
    if (turn != null) {
      finish(turn, turn.stopCause != null ? stopped(turn, true) : exitFailure(turn, from));
    }
  }

  private TurnResult exitFailure(AgentTurn turn, AgentProcess from) {
    return turn.failure("error_process_exited", TurnFailures.processExited(turn, from, plan),
        agentSessionId().orElse(null));
  }

  private TurnResult stopped(AgentTurn turn, boolean processGone) {
    return turn.failure(turn.stopCause.subtype, TurnFailures.stopped(turn, options, processGone),
        agentSessionId().orElse(null));
  }

  /** Stops a turn: a queued one leaves the queue; a running one is interrupted, then killed after the grace. */
  void stop(AgentTurn turn, AgentTurn.StopCause cause) {
    AgentProcess p;
    boolean promptSent;
    synchronized (this) {
      promptSent = turn.promptSent;
      if (turn.ended()) {
        return;
      }
      if (queue.remove(turn) || current != turn || turn.process == null) {
        p = null;
      } else {
        if (turn.stopCause != null) {
          return;
        }
        p = turn.process;
        turn.stopCause = cause;
        if (turn.timer != null) {
          turn.timer.cancel(false);
        }
        turn.timer = AgentThreads.timer().schedule(() -> AgentThreads.worker().execute(() -> killStuck(turn, p)),
            options.interruptGrace().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    if (p == null) {
      turn.stopCause = cause;
      finish(turn, turn.failure(cause.subtype, TurnFailures.stoppedBeforeStart(turn), agentSessionId().orElse(null)));
      return;
    }
    LOG.info("Session {} is stopping turn {} ({}): interrupting agent pid {}", key, turn.number(), cause.subtype,
        p.transport.pid());
    if (!promptSent) {
      return; // an interrupt before the prompt would be lost; startTurn sends it right after the prompt
    }
    try {
      p.protocol.interrupt();
    } catch (RuntimeException e) {
      LOG.debug("Interrupting agent pid {} failed: {}", p.transport.pid(), e.toString());
    }
  }

  private void killStuck(AgentTurn turn, AgentProcess p) {
    synchronized (this) {
      if (turn.ended() || current != turn || process != p) {
        return;
      }
      process = null;
    }
    LOG.info("Session {}: agent pid {} ignored the interrupt for {}; killing its process group", key,
        p.transport.pid(), options.interruptGrace());
    p.transport.kill();
    retire(p);
    finish(turn, stopped(turn, true));
  }

  /** Ends {@code turn}, moves the session on, then completes the turn's future. */
  private void finish(AgentTurn turn, TurnResult result) {
    TurnResult fin = turn.end(result);
    if (fin == null) {
      return;
    }
    AgentTurn next = null;
    synchronized (this) {
      if (turn.timer != null) {
        turn.timer.cancel(false);
      }
      if (current == turn) {
        current = null;
        lastUsedNanos = System.nanoTime();
        if (!closed) {
          next = queue.pollFirst();
          current = next;
          if (next == null) {
            armIdleTimer();
          }
        }
      }
    }
    turn.complete(fin);
    if (next != null) {
      AgentTurn start = next;
      AgentThreads.worker().execute(() -> startTurn(start));
    }
  }

  /** Asks the permission handler off the reader thread; always completes, a failing handler denies. */
  CompletionStage<PermissionDecision> decide(ToolCall call) {
    AgentTurn turn;
    AgentProcess p;
    synchronized (this) {
      turn = current;
      p = turn == null ? null : turn.process;
    }
    PermissionHandler handler = options.permissionHandler();
    if (p == null) {
      return Permissions.decide(handler, call, turn);
    }
    // Before the first call of the turn runs anything: what ran until now is not the turn's to clean up.
    return Permissions.decide(asked -> {
      turn.rememberProcessesBeforeTools(p.transport);
      return handler.decide(asked);
    }, call, turn);
  }

  /**
   * Reaps what a dead or killed process left (its group, escaped daemons) in the background. The session's next
   * process and {@link #shutDown()} wait for it: a successor that resumed the conversation while its predecessor's
   * children still ran could find the conversation locked (Codex: "thread already has an active writer").
   */
  private synchronized void retire(AgentProcess old) {
    old.release();
    retiring = CompletableFuture.allOf(retiring, CompletableFuture.runAsync(old.transport::close,
        AgentThreads.worker()));
  }

  /** Waits (bounded) until every retired process of this session is reaped. */
  private void awaitRetired() {
    CompletableFuture<Void> pending;
    synchronized (this) {
      pending = retiring;
    }
    try {
      pending.get(RETIRE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("Session {}: reaping a previous agent process did not finish: {}", key, e.toString());
    }
  }

  @Override
  public synchronized Optional<String> agentSessionId() {
    return Optional.ofNullable(agentSessionId);
  }

  @Override
  public synchronized Optional<Long> pid() {
    return process != null && process.alive() ? Optional.of(process.transport.pid()) : Optional.empty();
  }

  /** The marker variable's value in the current process's environment (for leak checks). */
  synchronized Optional<String> processMarker() {
    return process == null ? Optional.empty() : Optional.of(process.transport.marker());
  }

  @Override
  public synchronized int turnCount() {
    return turnCount;
  }

  @Override
  public synchronized boolean busy() {
    return current != null;
  }

  synchronized boolean closed() {
    return closed;
  }

  synchronized long lastUsedNanos() {
    return lastUsedNanos;
  }

  @Override
  public void interrupt() {
    AgentProcess p;
    synchronized (this) {
      p = current != null ? current.process : null;
      if (p != null) {
        current.interruptRequested = true;
      }
    }
    if (p != null) {
      try {
        p.protocol.interrupt();
      } catch (RuntimeException e) {
        // A dead process cannot be interrupted; its exit fails the turn with the exit code and stderr.
        LOG.debug("Interrupting agent pid {} failed: {}", p.transport.pid(), e.toString());
      }
    }
  }

  private void armIdleTimer() {
    if (idleTimeout != null && !closed) {
      idleTimer = AgentThreads.timer().schedule(() -> AgentThreads.worker().execute(this::closeIfIdle),
          idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void cancelIdleTimer() {
    if (idleTimer != null) {
      idleTimer.cancel(false);
      idleTimer = null;
    }
  }

  private void closeIfIdle() {
    if (closeIfIdleNow()) {
      LOG.info("Closed session {} after {} without a turn", key, idleTimeout);
    }
  }

  /** Closes the session if no turn runs or waits; true if it did. Never interrupts a turn. */
  boolean closeIfIdleNow() {
    if (!claimIfIdle()) {
      return false;
    }
    shutDown();
    return true;
  }

  /**
   * Marks the session closed if no turn runs or waits, so it takes no more turns; the caller then calls
   * {@link #shutDown()} (outside its own locks, as that waits for the process).
   */
  synchronized boolean claimIfIdle() {
    if (closed || current != null || !queue.isEmpty()) {
      return false;
    }
    closed = true;
    return true;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    shutDown();
  }

  /** Ends a session already marked closed: fails its turns, stops its process, tells the pool. */
  void shutDown() {
    List<AgentTurn> waiting;
    AgentTurn running;
    AgentProcess p;
    synchronized (this) {
      cancelIdleTimer();
      waiting = new ArrayList<>(queue);
      queue.clear();
      running = current;
      p = process;
      process = null;
    }
    for (AgentTurn turn : waiting) {
      finish(turn, turn.failure("error_cancelled", "Session " + key + " was closed before turn " + turn.number()
          + " started.", agentSessionId().orElse(null)));
    }
    if (running != null) {
      finish(running, running.failure("error_cancelled", "Session " + key + " was closed while turn "
          + running.number() + " ran; its agent was stopped.", agentSessionId().orElse(null)));
    }
    if (p != null) {
      p.release();
      p.transport.close();
    }
    awaitRetired();
    onClosed.accept(this);
    LOG.debug("Session {} closed", key);
  }

  @Override
  public String toString() {
    return "session " + key;
  }
}
