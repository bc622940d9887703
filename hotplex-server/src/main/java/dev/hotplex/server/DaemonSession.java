package dev.hotplex.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.audit.AuditLog;
import dev.hotplex.audit.AuditRecord;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.PermissionHandler;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.secrets.SecretMasker;
import dev.hotplex.session.HotplexException;
import dev.hotplex.session.Session;
import dev.hotplex.session.SessionKey;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.session.SessionPool;
import dev.hotplex.session.Turn;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A session as the daemon knows it: its id, its key in the pool, its options and its turns with their logs. The
 * agent process behind it lives in the pool; when the pool closed it for idleness, the next turn starts a new
 * process that resumes the same conversation.
 *
 * <p>Every tool call is answered by the permission handler of the turn that is running (the oldest turn without
 * a result, since the engine runs a session's turns one at a time in order): the session's own tool patterns, or
 * the ones the turn was started with ({@link TurnTools}). So one warm agent can review with read-only tools and
 * then fix with edit tools, keeping its conversation. Each decision is written to the session's audit log,
 * {@code <state>/sessions/<id>/}{@value #AUDIT_FILE}.
 */
final class DaemonSession {
  /** The session's audit log, one JSON line per tool call decision (see {@link AuditLog}). */
  static final String AUDIT_FILE = "audit.jsonl";

  /** A turn of this session: its log, and the engine's turn while it runs in this daemon. */
  record TurnRecord(int number, TurnLog log, Turn turn) {}

  private final String id;
  private final SessionKey key;
  /** The request's options: their policed handler answers turns started without their own tool patterns. */
  private final SessionOptions requested;
  /** What the pool runs: the requested options with {@link #decide} as the permission handler. */
  private final SessionOptions options;
  private final Path directory;
  private final Instant created = Instant.now();
  private final SessionPool pool;
  private final Map<Integer, TurnRecord> turns = new ConcurrentHashMap<>();
  /** Each started turn's log, registered before the prompt is sent so that its first tool call finds it. */
  private final Map<Integer, TurnLog> logs = new ConcurrentHashMap<>();
  /** The handlers of turns started with their own tool patterns. */
  private final Map<Integer, PermissionHandler> turnHandlers = new ConcurrentHashMap<>();
  private int lastTurn;
  /** The oldest turn that may still run; earlier ones have their result. */
  private int firstOpenTurn = 1;
  private AuditLog audit;
  /** The agent's conversation id, kept so a new process can resume it after the pool closed the old one. */
  private volatile String agentSessionId;

  DaemonSession(String id, SessionKey key, SessionOptions requested, Path directory, SessionPool pool) {
    this.id = id;
    this.key = key;
    this.requested = requested;
    this.options = requested.toBuilder().permissionHandler(this::decide).build();
    this.directory = directory;
    this.pool = pool;
  }

  /** The options the pool runs this session with. */
  SessionOptions options() {
    return options;
  }

  /** Opens the audit log once the agent's secrets are known (they are masked in it); before the first turn. */
  synchronized void openAudit(SecretMasker masker) {
    audit = AuditLog.open(directory.resolve(AUDIT_FILE), masker);
  }

  String id() {
    return id;
  }

  SessionKey key() {
    return key;
  }

  /** The log file of turn {@code number} of session {@code sessionId} under the state folder. */
  static Path turnFile(Path sessionsDir, String sessionId, int number) {
    return sessionsDir.resolve(sessionId).resolve("turns").resolve(number + ".ndjson");
  }

  /**
   * Starts a turn: creates its log, then sends the prompt. Every event goes to the log first, then to
   * {@code observer} (metrics, the daemon-wide bus). The log always ends with the result, even if the engine
   * fails to deliver one.
   *
   * @throws HotplexException when the agent cannot take the turn (the turn's log then holds an error result)
   */
  synchronized TurnRecord startTurn(String prompt, TurnTools tools, Consumer<EventBus.Item> observer) {
    PermissionHandler handler = tools == null ? null : tools.handler(requested);
    int number = ++lastTurn;
    TurnLog log = TurnLog.create(turnFile(directory.getParent(), id, number));
    logs.put(number, log);
    if (handler != null) {
      turnHandlers.put(number, handler);
    }
    Consumer<AgentEvent> record = event -> {
      if (log.append(event)) {
        observer.accept(new EventBus.Item(id, number, event));
      }
    };
    observer.accept(new EventBus.Item(id, number, null));
    Turn turn;
    try {
      turn = agent().send(prompt, record::accept);
    } catch (RuntimeException e) {
      record.accept(TurnResult.failure("error_not_started", "The turn could not start: " + e.getMessage(),
          agentSessionId, 0, 0, List.of()));
      throw e;
    }
    turn.result().whenComplete((result, error) -> {
      if (result != null && result.agentSessionId() != null) {
        agentSessionId = result.agentSessionId();
      }
      record.accept(result != null ? result : TurnResult.failure("error_protocol",
          "The engine ended the turn without a result: " + error, agentSessionId, 0, 0, List.of()));
    });
    TurnRecord started = new TurnRecord(number, log, turn);
    turns.put(number, started);
    return started;
  }

  /** Answers a tool call with the running turn's handler and records the decision in the audit log. */
  private PermissionDecision decide(ToolCall call) {
    int turn;
    PermissionHandler handler;
    AuditLog auditLog;
    synchronized (this) {
      turn = runningTurn();
      handler = turnHandlers.getOrDefault(turn, requested.permissionHandler());
      auditLog = audit;
    }
    PermissionDecision decision = handler.decide(call);
    if (auditLog != null) {
      auditLog.record(AuditRecord.of(id, turn, call, decision)); // throws when unwritable: the engine then denies
    }
    return decision;
  }

  /** The oldest turn without a result: the one the engine runs now (turns run one at a time, in order). */
  private int runningTurn() {
    while (firstOpenTurn < lastTurn && logs.containsKey(firstOpenTurn) && logs.get(firstOpenTurn).complete()) {
      turnHandlers.remove(firstOpenTurn);
      firstOpenTurn++;
    }
    return firstOpenTurn;
  }

  /** The pool's session, re-opened (resuming the conversation) if the pool closed it. */
  private Session agent() {
    Optional<Session> live = pool.find(key);
    if (live.isPresent()) {
      return live.get();
    }
    SessionOptions reopen = agentSessionId == null ? options
        : options.toBuilder().resumeSessionId(agentSessionId).build();
    return pool.open(key, reopen);
  }

  Optional<TurnRecord> turn(int number) {
    return Optional.ofNullable(turns.get(number));
  }

  synchronized int turnCount() {
    return lastTurn;
  }

  /**
   * Cancels turn {@code number}, whether it runs or waits in line: interrupt, then, after the session's grace
   * period, the agent's process group is killed; a waiting turn is taken out of the line. Other turns of the
   * session are not touched. A turn that has ended stays as it was.
   *
   * @throws Http.ApiException (404) when this daemon did not start that turn
   */
  void cancel(int number) {
    turn(number).orElseThrow(() -> Http.notFound("Session " + id + " has no turn " + number + " in this daemon."))
        .turn().cancel();
  }

  /**
   * Stops the running turn, if any, as {@link #cancel} does: interrupt, then the agent's process group is killed after
   * the grace period if the agent ignores it. Turns waiting in line go on.
   */
  void interrupt() {
    int running;
    synchronized (this) {
      running = runningTurn();
    }
    turn(running).filter(record -> !record.log().complete()).ifPresent(record -> record.turn().cancel());
  }

  /** Ends the agent process (and its group). The turn logs and the audit log stay. */
  void close() {
    try {
      pool.close(key);
    } finally {
      synchronized (this) {
        if (audit != null) {
          audit.close();
        }
      }
    }
  }

  /** The JSON view for the API. */
  ObjectNode describe() {
    Optional<Session> live = pool.find(key);
    ObjectNode json = Http.MAPPER.createObjectNode()
        .put("id", id)
        .put("name", key.id())
        .put("scope", key.scope())
        .put("provider", options.provider())
        .put("workDir", options.workDir().toString())
        .put("created", created.toString())
        .put("turns", turnCount())
        .put("alive", live.isPresent())
        .put("busy", live.map(Session::busy).orElse(false));
    live.flatMap(Session::pid).ifPresent(pid -> json.put("pid", pid));
    live.flatMap(Session::agentSessionId).ifPresent(value -> json.put("agentSessionId", value));
    json.putPOJO("allowedTools", options.allowedTools());
    json.putPOJO("disallowedTools", options.disallowedTools());
    if (options.model() != null) {
      json.put("model", options.model());
    }
    return json;
  }
}
