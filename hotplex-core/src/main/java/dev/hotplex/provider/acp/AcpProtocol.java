package dev.hotplex.provider.acp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.provider.AgentProtocol;
import dev.hotplex.provider.AgentSettings;
import dev.hotplex.provider.JsonLines;
import dev.hotplex.provider.ProtocolPeer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An Agent Client Protocol client (JSON-RPC 2.0, one message per line) for one agent process, e.g.
 * {@code opencode acp} or {@code gemini --acp}.
 *
 * <p>At start it sends {@code initialize}, then {@code session/new} (or {@code session/load} to resume, when the
 * agent says it can). A turn is one {@code session/prompt} request; its result {@code {stopReason, usage?}} ends
 * the turn. A prompt that comes before the session exists waits for it. Progress arrives as {@code session/update}
 * notifications (see {@link AcpTurn}). Every {@code session/request_permission} the agent sends is decided by
 * hotplex's policy through {@link ProtocolPeer#requestPermission} and answered with the agent's {@code allow_once}
 * or {@code reject_once} option (never an "always" option, so the next call is asked about again). An interrupt is
 * the {@code session/cancel} notification, and open permission requests are then answered {@code cancelled}. Any
 * other agent request gets a JSON-RPC error at once, so the agent never waits.
 *
 * <p>Threads: {@link #onLine} runs on the engine's reader thread; permission answers are written from whichever
 * thread completes the decision; {@link #sendUserTurn} and {@link #interrupt} from callers. Peer calls that report
 * events or results are made outside this object's lock.
 */
public final class AcpProtocol implements AgentProtocol {
  /** The subtype of a turn not run because its conversation could not be resumed. */
  static final String RESUME_FAILED = "error_resume_failed";
  private final AcpAgent agent;
  private final ProtocolPeer peer;
  private final Path cwd;
  private final String resumeSessionId;
  private final boolean partialMessages;
  private final AtomicLong requestIds = new AtomicLong();
  /** hotplex's requests awaiting the agent's response: id to the handler of the whole response message. */
  private final Map<Long, Consumer<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AcpPermissions permissions;

  // Guarded by this.
  private String sessionId;
  private boolean loading;
  private String model;
  private String mode;
  private String startupFailure;
  /** Why the conversation to resume could not be; fails the first turn rather than run it without its context. */
  private String resumeFailure;
  private AcpTurn turn;
  private String queuedPrompt;
  private Long promptRequestId;

  /**
   * @param agent what differs between ACP agents
   * @param settings the session's settings: the working directory, the conversation to resume, partial messages
   * @param peer the engine
   */
  public AcpProtocol(AcpAgent agent, AgentSettings settings, ProtocolPeer peer) {
    this.agent = agent;
    this.peer = peer;
    this.cwd = settings.workDir();
    this.resumeSessionId = settings.resumeSessionId();
    this.partialMessages = settings.includePartialMessages();
    this.permissions = new AcpPermissions(agent, peer, cwd, this::interrupt);
  }

  @Override
  public void start() {
    call(AcpWire.INITIALIZE, AcpWire.initializeParams(), this::onInitialized);
  }

  @Override
  public void sendUserTurn(String prompt) {
    AcpTurn started = new AcpTurn(agent, peer, partialMessages);
    String failure;
    String notResumed = null;
    boolean sendNow;
    synchronized (this) {
      turn = started;
      failure = startupFailure;
      sendNow = failure == null && sessionId != null && !loading;
      if (sendNow && resumeFailure != null) {
        notResumed = resumeFailure;
        resumeFailure = null;
        sendNow = false;
      } else if (failure == null && !sendNow) {
        queuedPrompt = prompt; // sent once the session exists
      }
    }
    if (failure != null) {
      complete(started, started.failed(failure, null));
    } else if (notResumed != null) {
      complete(started, started.failed(notResumed, agentSessionId().orElse(null), RESUME_FAILED));
    } else if (sendNow) {
      sendPrompt(prompt);
    }
  }

  @Override
  public void interrupt() {
    AcpTurn dropped = null;
    String cancelSession = null;
    synchronized (this) {
      if (queuedPrompt != null) {
        queuedPrompt = null;
        dropped = turn;
      } else if (promptRequestId != null) {
        cancelSession = sessionId;
      }
    }
    if (dropped != null) {
      complete(dropped, dropped.finish(AcpWire.JSON.createObjectNode().put("stopReason", "cancelled"), null));
      return;
    }
    if (cancelSession == null) {
      return;
    }
    peer.send(AcpWire.notification(AcpWire.SESSION_CANCEL, AcpWire.sessionIdParams(cancelSession)));
    permissions.cancelAll();
  }

  @Override
  public synchronized Optional<String> agentSessionId() {
    return Optional.ofNullable(sessionId != null ? sessionId : resumeSessionId);
  }

  @Override
  public void onLine(String line) {
    Optional<JsonNode> parsed = JsonLines.readObject(line, AcpWire.JSON, agent.displayName(), peer);
    if (parsed.isEmpty()) {
      return;
    }
    JsonNode message = parsed.get();
    boolean hasId = message.hasNonNull("id");
    String method = AcpWire.textOrNull(message, "method");
    if (method != null && hasId) {
      onAgentRequest(method, message);
    } else if (method != null) {
      onNotification(method, message);
    } else if (hasId) {
      onResponse(message);
    } else {
      peer.emit(new AgentEvents.Raw("jsonrpc", message));
    }
  }

  // ----- start-up: initialize, then session/new or session/load -----

  private void onInitialized(JsonNode response) {
    if (response.has("error")) {
      startupFailed("refused to initialize", response);
      return;
    }
    boolean canLoad = response.path("result").path("agentCapabilities").path("loadSession").asBoolean(false);
    if (resumeSessionId == null) {
      newSession();
    } else if (canLoad) {
      synchronized (this) {
        loading = true;
      }
      call(AcpWire.SESSION_LOAD, AcpWire.sessionParams(cwd, resumeSessionId), this::onSessionLoaded);
    } else {
      synchronized (this) {
        resumeFailure = notResumed("it cannot load earlier sessions (no loadSession capability)");
      }
      newSession();
    }
  }

  private void newSession() {
    call(AcpWire.SESSION_NEW, AcpWire.sessionParams(cwd, null), response -> {
      if (response.has("error")) {
        startupFailed("could not create a session", response);
      } else {
        sessionReady(response.path("result").path("sessionId").asText(null), response.path("result"));
      }
    });
  }

  private void onSessionLoaded(JsonNode response) {
    if (!response.has("error")) {
      sessionReady(resumeSessionId, response.path("result"));
      return;
    }
    synchronized (this) {
      loading = false;
      resumeFailure = notResumed(AcpWire.errorText(response));
    }
    newSession();
  }

  private String notResumed(String why) {
    return agent.displayName() + " could not resume conversation " + resumeSessionId + " (" + why + "), so this"
        + " prompt was not run: without its conversation the agent would act without the context it refers to."
        + " The session goes on in a new conversation; send the prompt again with the context it needs.";
  }

  private void sessionReady(String id, JsonNode result) {
    if (id == null || id.isEmpty()) {
      startupFailed("answered session/new without a sessionId", AcpWire.JSON.createObjectNode());
      return;
    }
    String prompt;
    String failure = null;
    AcpTurn refused = null;
    synchronized (this) {
      sessionId = id;
      loading = false;
      model = AcpWire.currentValue(result, "models", "currentModelId", "model");
      mode = AcpWire.currentValue(result, "modes", "currentModeId", "mode");
      prompt = queuedPrompt;
      queuedPrompt = null;
      if (prompt != null && resumeFailure != null) {
        failure = resumeFailure;
        resumeFailure = null;
        refused = turn;
        prompt = null;
      }
    }
    if (refused != null) {
      complete(refused, refused.failed(failure, id, RESUME_FAILED));
    } else if (prompt != null) {
      sendPrompt(prompt);
    }
  }

  private void startupFailed(String what, JsonNode response) {
    String failure = agent.displayName() + " " + what + ": " + AcpWire.errorText(response)
        + ". Check the agent's configuration (model, API key, base URL) and its stderr.";
    AcpTurn waiting;
    synchronized (this) {
      startupFailure = failure;
      loading = false;
      waiting = queuedPrompt != null ? turn : null;
      queuedPrompt = null;
    }
    if (waiting != null) {
      complete(waiting, waiting.failed(failure, null));
    }
  }

  // ----- turns -----

  private void sendPrompt(String prompt) {
    long id = requestIds.incrementAndGet();
    String session;
    synchronized (this) {
      promptRequestId = id;
      session = sessionId;
    }
    peer.emit(new AgentEvents.Init(session, model(), cwd.toString(), List.of(), mode()));
    pending.put(id, response -> onPromptResponse(id, response));
    peer.send(AcpWire.request(id, AcpWire.SESSION_PROMPT, AcpWire.promptParams(session, prompt)));
  }

  private void onPromptResponse(long id, JsonNode response) {
    AcpTurn finished;
    String session;
    synchronized (this) {
      if (promptRequestId == null || promptRequestId != id) {
        return;
      }
      promptRequestId = null;
      finished = turn;
      session = sessionId;
    }
    if (finished == null) {
      return;
    }
    complete(finished, response.has("error")
        ? finished.failed(agent.displayName() + " failed the turn: " + AcpWire.errorText(response), session)
        : finished.finish(response.path("result"), session));
  }

  /** Ends {@code ended} once: only while it is still the current turn. */
  private void complete(AcpTurn ended, TurnResult result) {
    synchronized (this) {
      if (turn != ended) {
        return;
      }
      turn = null;
    }
    permissions.forgetAll();
    peer.turnCompleted(result);
  }

  private synchronized AcpTurn currentTurn() {
    return turn;
  }

  private synchronized String model() {
    return model;
  }

  private synchronized String mode() {
    return mode;
  }

  // ----- messages from the agent -----

  private void onNotification(String method, JsonNode message) {
    JsonNode params = message.path("params");
    if (!AcpWire.SESSION_UPDATE.equals(method)) {
      peer.emit(new AgentEvents.Raw(method, message));
      return;
    }
    AcpTurn current;
    synchronized (this) {
      if (loading) {
        return; // session/load replays the earlier conversation; those turns were reported when they ran
      }
      current = turn;
    }
    if (current == null) {
      peer.emit(new AgentEvents.Raw("session/update/" + params.path("update").path("sessionUpdate").asText(),
          params.path("update")));
    } else {
      current.onUpdate(params.path("update"));
    }
  }

  private void onResponse(JsonNode message) {
    Consumer<JsonNode> handler = message.path("id").canConvertToLong()
        ? pending.remove(message.path("id").asLong()) : null;
    if (handler == null) {
      peer.emit(new AgentEvents.Raw("jsonrpc/response", message));
    } else {
      handler.accept(message);
    }
  }

  private void onAgentRequest(String method, JsonNode message) {
    if (AcpWire.REQUEST_PERMISSION.equals(method)) {
      permissions.onRequest(message, currentTurn());
    } else {
      // hotplex advertises no file system or terminal capability and serves nothing else.
      peer.send(AcpWire.error(message.get("id"), AcpWire.METHOD_NOT_FOUND,
          "hotplex does not serve '" + method + "'"));
    }
  }

  // ----- helpers -----

  private void call(String method, JsonNode params, Consumer<JsonNode> handler) {
    long id = requestIds.incrementAndGet();
    pending.put(id, handler);
    peer.send(AcpWire.request(id, method, params));
  }
}
