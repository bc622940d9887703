package dev.hotplex.provider.claude;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.provider.AgentProtocol;
import dev.hotplex.provider.JsonLines;
import dev.hotplex.provider.ProtocolPeer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claude Code's control protocol over stream-json, on top of any transport: request ids and pending replies for
 * hotplex's own control requests, one policy decision for every {@code can_use_tool} the CLI asks, and the
 * decoding of everything else into events. Like the Agent SDK's {@code Query}, every control request from the
 * CLI gets a success or an error reply, except one the CLI cancels, which gets none.
 *
 * <p>Threads: {@link #onLine} runs on the engine's reader thread; permission answers are written from whichever
 * thread completes the engine's decision stage; {@link #sendUserTurn} and {@link #interrupt} from callers.
 */
final class ClaudeProtocol implements AgentProtocol {
  private static final Logger LOG = LoggerFactory.getLogger(ClaudeProtocol.class);

  private final ProtocolPeer peer;
  private final Path cwd;
  private final AtomicLong requestCounter = new AtomicLong();
  /** hotplex's control requests awaiting the CLI's answer: request id to subtype. */
  private final Map<String, String> pendingOutgoing = new ConcurrentHashMap<>();
  /** Ids of the CLI's {@code can_use_tool} requests still waiting for a decision (and not cancelled). */
  private final Set<String> pendingPermissions = ConcurrentHashMap.newKeySet();
  private volatile String agentSessionId;
  // Claude Code reports total_cost_usd summed over the whole process; a turn costs the difference.
  private double processCostSoFar;

  ClaudeProtocol(ProtocolPeer peer, Path cwd, String knownSessionId) {
    this.peer = peer;
    this.cwd = cwd;
    this.agentSessionId = knownSessionId;
  }

  /**
   * Registers the catch-all {@code PreToolUse} hook (see {@link ClaudeWire#initializeRequest}): without it the
   * CLI runs read-only calls such as {@code ls} or {@code Read} of a file in the working directory on its own,
   * and {@code can_use_tool} never reaches hotplex's policy for them.
   */
  @Override
  public void start() {
    sendControlRequest(ClaudeWire.initializeRequest());
  }

  @Override
  public void sendUserTurn(String prompt) {
    peer.send(ClaudeWire.userMessage(prompt));
  }

  @Override
  public void interrupt() {
    // The CLI answers, prints "[Request interrupted by user]" and ends the turn with error_during_execution.
    sendControlRequest(ClaudeWire.requestBody("interrupt"));
  }

  @Override
  public Optional<String> agentSessionId() {
    return Optional.ofNullable(agentSessionId);
  }

  @Override
  public void onLine(String line) {
    Optional<JsonNode> parsed = JsonLines.readObject(line, ClaudeWire.JSON, "Claude Code", peer);
    if (parsed.isEmpty()) {
      return;
    }
    JsonNode message = parsed.get();
    switch (message.path("type").asText("")) {
      case ClaudeWire.TYPE_CONTROL_REQUEST:
        onControlRequest(message);
        break;
      case ClaudeWire.TYPE_CONTROL_RESPONSE:
        onControlResponse(message);
        break;
      case ClaudeWire.TYPE_CONTROL_CANCEL:
        onControlCancel(message);
        break;
      default:
        onMessage(message);
        break;
    }
  }

  private void onMessage(JsonNode message) {
    for (AgentEvent event : ClaudeMessageDecoder.decode(message)) {
      if (event instanceof AgentEvents.Init init && init.agentSessionId() != null) {
        agentSessionId = init.agentSessionId();
      }
      if (event instanceof TurnResult result) {
        if (result.agentSessionId() != null) {
          agentSessionId = result.agentSessionId();
        }
        peer.turnCompleted(withTurnCost(result));
      } else {
        peer.emit(event);
      }
    }
  }

  private TurnResult withTurnCost(TurnResult result) {
    double turnCost = Math.max(0, result.costUsd() - processCostSoFar);
    processCostSoFar = Math.max(processCostSoFar, result.costUsd());
    return new TurnResult(result.text(), result.isError(), result.subtype(), result.agentSessionId(),
        result.usage(), turnCost, result.durationMs(), result.durationApiMs(), result.numTurns(),
        result.toolCalls(), result.permissionDenials(), result.stopReason(), result.terminalReason(),
        result.errorMessage());
  }

  private void sendControlRequest(ObjectNode request) {
    String requestId = "hotplex_" + requestCounter.incrementAndGet() + "_"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt());
    pendingOutgoing.put(requestId, request.path("subtype").asText());
    peer.send(ClaudeWire.controlRequest(requestId, request));
  }

  private void onControlResponse(JsonNode message) {
    JsonNode response = message.path("response");
    String subtype = pendingOutgoing.remove(response.path("request_id").asText(""));
    if (subtype == null) {
      peer.emit(new AgentEvents.Raw(ClaudeWire.TYPE_CONTROL_RESPONSE, message));
    } else if ("error".equals(response.path("subtype").asText())) {
      peer.emit(new AgentEvents.Error("Claude Code refused the '" + subtype + "' control request: "
          + response.path("error").asText("(no reason given)")));
    }
  }

  private void onControlRequest(JsonNode message) {
    String requestId = message.path("request_id").asText("");
    JsonNode request = message.path("request");
    String subtype = request.path("subtype").asText("");
    if ("hook_callback".equals(subtype)
        && ClaudeWire.PRE_TOOL_USE_CALLBACK_ID.equals(request.path("callback_id").asText())) {
      peer.send(ClaudeWire.successResponse(requestId, ClaudeWire.preToolUseAsk()));
      return;
    }
    if (!"can_use_tool".equals(subtype)) {
      // Never leave the CLI waiting: hotplex registers no other hooks, MCP servers or callbacks.
      peer.send(ClaudeWire.errorResponse(requestId, "hotplex does not handle control request '" + subtype + "'"));
      return;
    }
    String toolName = request.path("tool_name").asText("");
    JsonNode input = request.path("input");
    ToolCall call = ClaudeTools.toToolCall(toolName, textOrNull(request, "tool_use_id"), input, cwd);
    pendingPermissions.add(requestId);
    CompletionStage<PermissionDecision> decision;
    try {
      decision = peer.requestPermission(call);
    } catch (RuntimeException e) {
      answerPermission(requestId, input, null, e);
      return;
    }
    decision.whenComplete((answer, failure) -> answerPermission(requestId, input, answer, failure));
  }

  private void answerPermission(String requestId, JsonNode input, PermissionDecision answer, Throwable failure) {
    if (!pendingPermissions.remove(requestId)) {
      LOG.debug("Claude Code cancelled permission request {}; not answering it", requestId);
      return;
    }
    PermissionDecision decision = answer;
    if (failure != null || answer == null) {
      // A broken policy never lets a call through.
      decision = PermissionDecision.deny(null, "hotplex could not decide on this tool call ("
          + (failure == null ? "no decision" : failure.getClass().getSimpleName() + ": " + failure.getMessage())
          + "), so it was denied.");
    }
    try {
      peer.send(ClaudeWire.successResponse(requestId, ClaudeWire.permissionPayload(decision, input)));
    } catch (RuntimeException e) {
      // Runs on the decision's thread, where nobody would see the exception; the engine notices the dead pipe.
      LOG.warn("Could not send the permission answer for request {} to Claude Code", requestId, e);
    }
  }

  private void onControlCancel(JsonNode message) {
    String requestId = message.path("request_id").asText("");
    if (!pendingPermissions.remove(requestId)) {
      peer.emit(new AgentEvents.Raw(ClaudeWire.TYPE_CONTROL_CANCEL, message));
    }
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
