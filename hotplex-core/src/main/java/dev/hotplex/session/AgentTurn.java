package dev.hotplex.session;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.EventListener;
import dev.hotplex.event.PermissionDenial;
import dev.hotplex.event.TurnResult;
import dev.hotplex.transport.ProcessTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One turn: its listener, its counts and its end. Events are delivered under the turn's lock, so the listener sees
 * them one at a time and in order, and nothing after the result; and masked ({@link EventMasker}), so the listener
 * never sees a secret of the session.
 */
final class AgentTurn implements Turn {
  private static final Logger LOG = LoggerFactory.getLogger(AgentTurn.class);

  /** Why hotplex stopped a turn, and the subtype its result gets. */
  enum StopCause {
    TIMEOUT("error_timeout"), STARTUP("error_timeout"), CANCEL("error_cancelled");

    final String subtype;

    StopCause(String subtype) {
      this.subtype = subtype;
    }
  }

  private final AgentSession session;
  private final int number;
  private final String prompt;
  private final EventListener listener;
  private final CompletableFuture<TurnResult> result = new CompletableFuture<>();
  private final EventMasker masking;
  private final List<PermissionDenial> denials = new ArrayList<>();
  private int toolCalls;
  // Volatile so the session can check it under its own lock without taking the turn's (no lock-order cycle).
  private volatile boolean ended;
  /** TurnResult.durationMs is wall time from send to result, so queueing time counts. */
  private final long startNanos;
  // Written and read under the session's lock.
  AgentProcess process;
  int processTurn;
  boolean promptSent;
  long linesAtStart;
  StopCause stopCause;
  /** The caller asked the agent to interrupt this turn ({@link Session#interrupt()}). */
  boolean interruptRequested;
  ScheduledFuture<?> timer;
  /** The agent's marked processes when this turn's first tool call was decided; null until then. */
  private final AtomicReference<Set<Long>> processesBeforeTools = new AtomicReference<>();

  AgentTurn(AgentSession session, int number, String prompt, EventListener listener) {
    this.session = session;
    this.number = number;
    this.prompt = prompt;
    this.listener = listener == null ? EventListener.NONE : listener;
    this.masking = new EventMasker(session.secretMasker());
    this.startNanos = System.nanoTime();
  }

  String prompt() {
    return prompt;
  }

  /** Delivers an event of this turn, masked; dropped once the turn has ended. */
  synchronized void emit(AgentEvent event) {
    if (ended) {
      return;
    }
    if (event instanceof AgentEvents.ToolUse) {
      toolCalls++;
    } else if (event instanceof AgentEvents.ToolDecision decision && !decision.allowed()) {
      denials.add(new PermissionDenial(decision.toolName(), decision.toolUseId(), decision.input(), decision.rule(),
          decision.reason()));
    }
    masking.mask(event).forEach(this::deliver);
  }

  /**
   * Ends the turn with {@code raw} plus hotplex's own counts and wall time, and delivers the result event.
   *
   * @return the final result, or null if the turn had already ended
   */
  synchronized TurnResult end(TurnResult raw) {
    if (ended) {
      return null;
    }
    ended = true;
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    TurnResult fin = masking.mask(raw.withEngineFacts(millis, toolCalls, List.copyOf(denials)));
    List<AgentEvent> heldBack = new ArrayList<>(1);
    masking.finish(heldBack);
    heldBack.forEach(this::deliver);
    deliver(fin);
    return fin;
  }

  boolean ended() {
    return ended;
  }

  /**
   * Remembers which of the agent's processes ran before this turn's first tool call (once per turn; the call
   * waits for its decision, so it has started nothing yet).
   */
  void rememberProcessesBeforeTools(ProcessTransport transport) {
    if (processesBeforeTools.get() == null) {
      processesBeforeTools.compareAndSet(null, transport.markedProcesses());
    }
  }

  /** See {@link #rememberProcessesBeforeTools}; null when no tool call was decided in this turn. */
  Set<Long> processesBeforeTools() {
    return processesBeforeTools.get();
  }

  /** Completes the future; called after the session moved on, so a waiter may send the next turn at once. */
  void complete(TurnResult fin) {
    result.complete(fin);
  }

  /** A failure of this turn that hotplex itself decides. */
  synchronized TurnResult failure(String subtype, String message, String agentSessionId) {
    return TurnResult.failure(subtype, message, agentSessionId, 0, toolCalls, List.copyOf(denials));
  }

  private void deliver(AgentEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      LOG.info("An event listener of session {} turn {} threw {}; the turn goes on", session.key(), number,
          e.toString());
      LOG.debug("Listener failure", e);
    }
  }

  @Override
  public int number() {
    return number;
  }

  @Override
  public CompletableFuture<TurnResult> result() {
    return result;
  }

  @Override
  public TurnResult await() throws InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a turn result never completes exceptionally", e);
    }
  }

  @Override
  public Optional<TurnResult> await(Duration timeout) throws InterruptedException {
    try {
      return Optional.of(result.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a turn result never completes exceptionally", e);
    }
  }

  @Override
  public void cancel() {
    session.stop(this, StopCause.CANCEL);
  }

  @Override
  public String toString() {
    return "turn " + number + " of session " + session.key();
  }
}
