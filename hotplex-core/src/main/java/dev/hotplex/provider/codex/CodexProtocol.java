package dev.hotplex.provider.codex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.event.Usage;
import dev.hotplex.provider.AgentProtocol;
import dev.hotplex.provider.JsonLines;
import dev.hotplex.provider.ProtocolPeer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code codex app-server} protocol on one process. At start: {@code initialize}, the {@code initialized}
 * notification, then {@code thread/start} (or {@code thread/resume} of the conversation to continue). Each turn is
 * a {@code turn/start} on that thread and ends with the {@code turn/completed} notification; {@link #interrupt} sends
 * {@code turn/interrupt}. The app-server asks before every command ({@code item/commandExecution/requestApproval})
 * and file change ({@code item/fileChange/requestApproval}); {@link CodexApprovals} answers each from hotplex's
 * policy.
 *
 * <p>A prompt sent before the thread exists waits for it; a failed start fails that turn (and every later one) with
 * the app-server's own error message.
 *
 * <p>Threads: {@link #onLine} runs on the engine's reader thread; permission answers are written from whichever
 * thread completes the engine's decision stage; {@link #sendUserTurn} and {@link #interrupt} from callers.
 */
final class CodexProtocol implements AgentProtocol {
  private final ProtocolPeer peer;
  private final CodexThreadSettings thread;
  private final AtomicLong requestIds = new AtomicLong();
  /** hotplex's requests awaiting an answer: id to method. */
  private final Map<Long, String> pending = new ConcurrentHashMap<>();
  private final CodexApprovals approvals;

  // Guarded by this.
  private String threadId;
  /** The thread/start or thread/resume answer arrived: turns may start. */
  private boolean threadReady;
  private String model;
  private String startFailure;
  private String pendingPrompt;
  private String turnId;
  /** A turn was sent (or waits for the thread) and has not ended: only then does an interrupt mean anything. */
  private boolean turnInFlight;
  private boolean interruptWanted;
  private Usage turnUsage = Usage.ZERO;
  private int modelCalls;
  private String lastText = "";

  CodexProtocol(ProtocolPeer peer, CodexThreadSettings thread) {
    this.peer = peer;
    this.thread = thread;
    this.threadId = thread.resumeThreadId();
    this.approvals = new CodexApprovals(peer, thread.cwd(), thread.approvalPolicy());
  }

  @Override
  public void start() {
    sendRequest("initialize", CodexWire.initializeParams(CodexProvider.CLIENT_VERSION));
  }

  @Override
  public synchronized void sendUserTurn(String prompt) {
    lastText = "";
    turnUsage = Usage.ZERO;
    modelCalls = 0;
    if (startFailure != null) {
      peer.turnCompleted(failure(startFailure));
      return;
    }
    turnInFlight = true;
    if (threadReady) {
      sendRequest("turn/start", CodexWire.turnStartParams(threadId, prompt));
    } else {
      pendingPrompt = prompt;
    }
  }

  @Override
  public synchronized void interrupt() {
    if (!turnInFlight) {
      return; // the turn already ended; an interrupt kept for later would stop the next one
    }
    if (turnId != null) {
      sendRequest("turn/interrupt", CodexWire.turnInterruptParams(threadId, turnId));
    } else {
      interruptWanted = true; // sent as soon as the app-server names the turn
    }
  }

  @Override
  public synchronized Optional<String> agentSessionId() {
    return Optional.ofNullable(threadId);
  }

  @Override
  public void onLine(String line) {
    Optional<JsonNode> parsed = JsonLines.readObject(line, CodexWire.JSON, "The Codex app-server", peer);
    if (parsed.isEmpty()) {
      return;
    }
    JsonNode message = parsed.get();
    boolean hasId = message.has("id") && !message.get("id").isNull();
    if (hasId && message.has("method")) {
      approvals.onServerRequest(message);
    } else if (hasId) {
      onResponse(message);
    } else {
      onNotification(message.path("method").asText(""), message.path("params"));
    }
  }

  private void onResponse(JsonNode message) {
    String method = pending.remove(message.path("id").asLong(-1));
    if (method == null) {
      peer.emit(new AgentEvents.Raw("response", message));
      return;
    }
    JsonNode error = message.get("error");
    if (error != null && !error.isNull()) {
      onRequestFailed(method, error.path("message").asText("(no message)"));
      return;
    }
    JsonNode result = message.path("result");
    switch (method) {
      case "initialize":
        peer.send(CodexWire.notification("initialized"));
        boolean resume = thread.resumeThreadId() != null;
        sendRequest(resume ? "thread/resume" : "thread/start", thread.params());
        break;
      case "thread/start":
      case "thread/resume":
        onThreadReady(result);
        break;
      case "turn/start":
        onTurnId(result.path("turn").path("id").asText(null));
        break;
      default:
        break;
    }
  }

  private synchronized void onThreadReady(JsonNode result) {
    threadId = result.path("thread").path("id").asText(threadId);
    threadReady = true;
    model = result.path("model").asText(null);
    String prompt = pendingPrompt;
    pendingPrompt = null;
    if (prompt != null) {
      sendRequest("turn/start", CodexWire.turnStartParams(threadId, prompt));
    }
  }

  private synchronized void onRequestFailed(String method, String reason) {
    String message = "The Codex app-server refused '" + method + "': " + reason;
    switch (method) {
      case "initialize":
      case "thread/start":
      case "thread/resume":
        startFailure = message + (method.equals("thread/resume") ? " (hotplex could not resume thread "
            + thread.resumeThreadId() + "; start a new session to begin a new conversation)" : "");
        if (pendingPrompt != null) {
          pendingPrompt = null;
          turnInFlight = false;
          peer.turnCompleted(failure(startFailure));
        }
        break;
      case "turn/start":
        turnInFlight = false;
        peer.turnCompleted(failure(message));
        break;
      default:
        peer.emit(new AgentEvents.Error(message));
        break;
    }
  }

  private synchronized void onTurnId(String id) {
    if (id == null || turnId != null && turnId.equals(id)) {
      return;
    }
    turnId = id;
    if (interruptWanted) {
      interruptWanted = false;
      sendRequest("turn/interrupt", CodexWire.turnInterruptParams(threadId, turnId));
    }
  }

  private void onNotification(String method, JsonNode params) {
    switch (method) {
      case "turn/started":
        onTurnId(params.path("turn").path("id").asText(null));
        peer.emit(new AgentEvents.Init(threadIdNow(), modelNow(), thread.cwd().toString(), List.of(),
            thread.approvalPolicy()));
        break;
      case "item/started":
        onItemStarted(params.path("item"));
        break;
      case "item/completed":
        onItemCompleted(params.path("item"));
        break;
      case "item/agentMessage/delta":
        // Partial text only when asked for, as Claude Code prints deltas only with --include-partial-messages.
        if (thread.includePartialMessages()) {
          peer.emit(new AgentEvents.TextDelta(params.path("delta").asText("")));
        }
        break;
      case "thread/tokenUsage/updated":
        countUsage(params.path("tokenUsage").path("last"));
        break;
      case "error":
        peer.emit(new AgentEvents.Error("Codex reported an error" + (params.path("willRetry").asBoolean()
            ? " (it retries)" : "") + ": " + params.path("error").path("message").asText("(no message)")));
        break;
      case "turn/completed":
        onTurnCompleted(params.path("turn"));
        break;
      default:
        peer.emit(new AgentEvents.Raw(method.isEmpty() ? "unknown" : method, params));
        break;
    }
  }

  private void onItemStarted(JsonNode item) {
    approvals.itemStarted(item);
    peer.emit(CodexItems.started(item));
  }

  private void onItemCompleted(JsonNode item) {
    approvals.itemCompleted(item);
    if (CodexItems.AGENT_MESSAGE.equals(item.path("type").asText())) {
      synchronized (this) {
        lastText = item.path("text").asText("");
      }
    }
    peer.emit(CodexItems.completed(item));
  }

  private synchronized void countUsage(JsonNode last) {
    turnUsage = turnUsage.plus(CodexItems.usage(last));
    modelCalls++;
  }

  private void onTurnCompleted(JsonNode turn) {
    TurnResult result;
    synchronized (this) {
      String status = turn.path("status").asText("unknown");
      boolean success = "completed".equals(status);
      String error = success ? null : turnError(status, turn.path("error"));
      result = new TurnResult(lastText, !success, success ? "success" : status, threadId, turnUsage, 0,
          turn.path("durationMs").asLong(), 0, modelCalls, 0, List.of(), null, status, error);
      turnId = null;
      turnInFlight = false;
      interruptWanted = false;
    }
    peer.turnCompleted(result);
  }

  private static String turnError(String status, JsonNode error) {
    if (error.hasNonNull("message")) {
      return "Codex ended the turn with status '" + status + "': " + error.path("message").asText();
    }
    return "interrupted".equals(status) ? "The Codex turn was interrupted." : "Codex ended the turn with status '"
        + status + "'.";
  }

  private synchronized void sendRequest(String method, ObjectNode params) {
    long id = requestIds.incrementAndGet();
    pending.put(id, method);
    peer.send(CodexWire.request(id, method, params));
  }

  private synchronized String threadIdNow() {
    return threadId;
  }

  private synchronized String modelNow() {
    return model;
  }

  private synchronized TurnResult failure(String message) {
    return TurnResult.failure("error_protocol", message, threadId, 0, 0, List.of());
  }
}
