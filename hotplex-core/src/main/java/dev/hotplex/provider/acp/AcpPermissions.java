package dev.hotplex.provider.acp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.provider.ProtocolPeer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's {@code session/request_permission} requests: each is decided once by hotplex's policy and answered
 * with one of the agent's options (see {@link PermissionOptions}), or answered {@code cancelled} when the turn is
 * cancelled first. Thread-safe: requests arrive on the reader thread, decisions complete on any thread.
 */
final class AcpPermissions {
  private static final Logger LOG = LoggerFactory.getLogger(AcpPermissions.class);

  private final AcpAgent agent;
  private final ProtocolPeer peer;
  private final Path cwd;
  /** Stops the turn, for a deny that asks for it. */
  private final Runnable interrupt;
  /** Requests still waiting for a decision (and not cancelled): the JSON-RPC id's text to the id. */
  private final Map<String, JsonNode> open = new ConcurrentHashMap<>();

  AcpPermissions(AcpAgent agent, ProtocolPeer peer, Path cwd, Runnable interrupt) {
    this.agent = agent;
    this.peer = peer;
    this.cwd = cwd;
    this.interrupt = interrupt;
  }

  /** Asks the policy about one request; with no turn running, the request is answered {@code cancelled}. */
  void onRequest(JsonNode message, AcpTurn turn) {
    JsonNode id = message.get("id");
    JsonNode params = message.path("params");
    if (turn == null) {
      peer.send(AcpWire.result(id, AcpWire.cancelled()));
      return;
    }
    AcpTurn.Tool tool = turn.onPermissionRequest(params.path("toolCall"));
    ToolCall call = AcpTools.toToolCall(agent, params.path("toolCall"), tool.input, tool.name, cwd);
    String key = id.toString();
    open.put(key, id);
    JsonNode options = params.path("options");
    CompletionStage<PermissionDecision> decision;
    try {
      decision = peer.requestPermission(call);
    } catch (RuntimeException e) {
      turn.rejected(call, null);
      answer(key, options, call, null, e);
      return;
    }
    decision.whenComplete((answer, failure) -> {
      if (failure != null || !(answer instanceof PermissionDecision.Allow)) {
        turn.rejected(call, answer instanceof PermissionDecision.Deny deny
            ? (deny.rule() != null ? deny.rule() + ": " : "") + deny.reason() : null);
      }
      answer(key, options, call, answer, failure);
    });
  }

  /** ACP: after {@code session/cancel} the client answers every open permission request {@code cancelled}. */
  void cancelAll() {
    for (String key : List.copyOf(open.keySet())) {
      JsonNode id = open.remove(key);
      if (id != null) {
        peer.send(AcpWire.result(id, AcpWire.cancelled()));
      }
    }
  }

  /** The turn ended: decisions still to come are not sent. */
  void forgetAll() {
    open.clear();
  }

  private void answer(String key, JsonNode options, ToolCall call, PermissionDecision decision, Throwable failure) {
    JsonNode id = open.remove(key);
    if (id == null) {
      LOG.debug("{} permission request {} was cancelled; not answering it", agent.displayName(), key);
      return;
    }
    PermissionOptions.Choice choice = PermissionOptions.choose(agent, options, call, decision, failure);
    if (choice.warning() != null) {
      peer.emit(new AgentEvents.Error(choice.warning()));
    }
    try {
      peer.send(AcpWire.result(id, choice.optionId() == null ? AcpWire.cancelled()
          : AcpWire.selected(choice.optionId())));
    } catch (RuntimeException e) {
      // Runs on the decision's thread, where nobody would see the exception; the engine notices the dead pipe.
      LOG.warn("Could not send the permission answer for request {} to {}", key, agent.displayName(), e);
      return;
    }
    if (choice.interrupt()) {
      interrupt.run();
    }
  }
}
