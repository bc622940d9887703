package dev.hotplex.provider.codex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.event.Usage;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.provider.AgentProtocol;
import dev.hotplex.provider.ProtocolPeer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code codex app-server} protocol on one process. At start: {@code initialize}, the {@code initialized}
 * notification, then {@code thread/start} (or {@code thread/resume} of the conversation to continue). Each turn is
 * a {@code turn/start} on that thread and ends with the {@code turn/completed} notification; {@link #interrupt} sends
 * {@code turn/interrupt}. The app-server asks before every command ({@code item/commandExecution/requestApproval})
 * and file change ({@code item/fileChange/requestApproval}); each gets exactly one answer from hotplex's policy.
 *
 * <p>A prompt sent before the thread exists waits for it; a failed start fails that turn (and every later one) with
 * the app-server's own error message.
 *
 * <p>Threads: {@link #onLine} runs on the engine's reader thread; permission answers are written from whichever
 * thread completes the engine's decision stage; {@link #sendUserTurn} and {@link #interrupt} from callers.
 */
final class CodexProtocol implements AgentProtocol {
  private static final Logger LOG = LoggerFactory.getLogger(CodexProtocol.class);

  private final ProtocolPeer peer;
  private final CodexThreadSettings thread;
  private final AtomicLong requestIds = new AtomicLong();
  /** hotplex's requests awaiting an answer: id to method. */
  private final Map<Long, String> pending = new ConcurrentHashMap<>();
  /** Tool items announced by {@code item/started}, by id, until they complete (file changes carry their paths). */
  private final Map<String, JsonNode> openToolItems = new ConcurrentHashMap<>();
  /** Tool items the app-server asked about, so that one it ran without asking is reported. */
  private final Set<String> askedItems = ConcurrentHashMap.newKeySet();

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
    if (line == null || line.isBlank()) {
      return;
    }
    JsonNode message;
    try {
      message = CodexWire.JSON.readTree(line);
    } catch (JsonProcessingException e) {
      peer.emit(undecodable(line, "invalid JSON"));
      return;
    }
    if (message == null || !message.isObject()) {
      peer.emit(undecodable(line, "not a JSON object"));
      return;
    }
    boolean hasId = message.has("id") && !message.get("id").isNull();
    if (hasId && message.has("method")) {
      onServerRequest(message);
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
    if (CodexItems.isToolCall(item)) {
      openToolItems.put(item.path("id").asText(), item);
    }
    peer.emit(CodexItems.started(item));
  }

  private void onItemCompleted(JsonNode item) {
    String id = item.path("id").asText();
    if (CodexItems.isToolCall(item)) {
      openToolItems.remove(id);
      if (!askedItems.remove(id) && !"declined".equals(item.path("status").asText())) {
        peer.emit(new AgentEvents.Error("Codex ran " + item.path("type").asText() + " " + id + " without asking"
            + " hotplex's permission policy (approval policy " + thread.approvalPolicy() + ")."));
      }
    }
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

  private void onServerRequest(JsonNode message) {
    JsonNode id = message.get("id");
    String method = message.path("method").asText();
    JsonNode params = message.path("params");
    ToolCall call;
    if ("item/commandExecution/requestApproval".equals(method)) {
      call = CodexTools.commandCall(params, thread.cwd());
    } else if ("item/fileChange/requestApproval".equals(method)) {
      call = CodexTools.fileChangeCall(params, openToolItems.get(params.path("itemId").asText()), thread.cwd());
    } else {
      // Never leave the app-server waiting: hotplex answers no questions, elicitations or extra permissions.
      peer.send(CodexWire.errorResponse(id, CodexWire.METHOD_NOT_FOUND, "hotplex does not handle '" + method + "'"));
      peer.emit(new AgentEvents.Raw(method, params));
      return;
    }
    askedItems.add(params.path("itemId").asText());
    CompletionStage<PermissionDecision> decision;
    try {
      decision = peer.requestPermission(call);
    } catch (RuntimeException e) {
      answer(id, call, null, e);
      return;
    }
    decision.whenComplete((answer, failure) -> answer(id, call, answer, failure));
  }

  /**
   * Answers an approval: allow is {@code accept}, deny is {@code decline} ({@code cancel} when the deny also stops
   * the turn). Codex cannot run a rewritten input, nor tell the model hotplex's reason: it reports "rejected by
   * user" to the model, and an allow that rewrote the input is declined rather than run unchanged.
   */
  private void answer(JsonNode id, ToolCall call, PermissionDecision decision, Throwable failure) {
    String codexDecision;
    if (failure != null || decision == null) {
      codexDecision = "decline"; // a broken policy never lets a call through
      peer.emit(new AgentEvents.Error("hotplex could not decide on Codex's " + call.toolName() + " call ("
          + (failure == null ? "no decision" : failure.toString()) + "), so it was declined."));
    } else if (decision instanceof PermissionDecision.Allow allow) {
      boolean rewritten = allow.updatedInput() != null && !allow.updatedInput().equals(call.input());
      if (rewritten) {
        peer.emit(new AgentEvents.Error("The permission policy rewrote the input of Codex's " + call.toolName()
            + " call, which Codex cannot run; it was declined instead."));
      }
      codexDecision = rewritten ? "decline" : "accept";
    } else {
      codexDecision = ((PermissionDecision.Deny) decision).interrupt() ? "cancel" : "decline";
    }
    try {
      peer.send(CodexWire.response(id, CodexWire.decision(codexDecision)));
    } catch (RuntimeException e) {
      // Runs on the decision's thread, where nobody would see the exception; the engine notices the dead pipe.
      LOG.warn("Could not send the approval answer for request {} to Codex", id, e);
    }
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

  private static AgentEvents.Error undecodable(String line, String problem) {
    String excerpt = line.length() <= 200 ? line : line.substring(0, 200) + "... (" + line.length() + " characters)";
    return new AgentEvents.Error("The Codex app-server printed a line that is not a JSON message (" + problem
        + "): " + excerpt);
  }
}
