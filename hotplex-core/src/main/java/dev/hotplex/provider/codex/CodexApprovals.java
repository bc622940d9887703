package dev.hotplex.provider.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.provider.ProtocolPeer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app-server's requests to hotplex: every command and file change approval gets exactly one answer from
 * hotplex's policy, any other request an error answer, so that the app-server never waits. It also notices a tool
 * item that completed without having been asked about (which {@code untrusted} should never allow) and reports it.
 *
 * <p>Thread-safe: requests arrive on the reader thread, answers are written from the decision's thread.
 */
final class CodexApprovals {
  private static final Logger LOG = LoggerFactory.getLogger(CodexApprovals.class);

  private final ProtocolPeer peer;
  private final Path cwd;
  private final String approvalPolicy;
  /** Tool items announced by {@code item/started}, by id, until they complete (file changes carry their paths). */
  private final Map<String, JsonNode> openToolItems = new ConcurrentHashMap<>();
  /** Tool items the app-server asked about, so that one it ran without asking is reported. */
  private final Set<String> askedItems = ConcurrentHashMap.newKeySet();

  CodexApprovals(ProtocolPeer peer, Path cwd, String approvalPolicy) {
    this.peer = peer;
    this.cwd = cwd;
    this.approvalPolicy = approvalPolicy;
  }

  void itemStarted(JsonNode item) {
    if (CodexItems.isToolCall(item)) {
      openToolItems.put(item.path("id").asText(), item);
    }
  }

  void itemCompleted(JsonNode item) {
    if (!CodexItems.isToolCall(item)) {
      return;
    }
    String id = item.path("id").asText();
    openToolItems.remove(id);
    if (!askedItems.remove(id) && !"declined".equals(item.path("status").asText())) {
      peer.emit(new AgentEvents.Error("Codex ran " + item.path("type").asText() + " " + id + " without asking"
          + " hotplex's permission policy (approval policy " + approvalPolicy + ")."));
    }
  }

  void onServerRequest(JsonNode message) {
    JsonNode id = message.get("id");
    String method = message.path("method").asText();
    JsonNode params = message.path("params");
    ToolCall call;
    if ("item/commandExecution/requestApproval".equals(method)) {
      call = CodexTools.commandCall(params, cwd);
    } else if ("item/fileChange/requestApproval".equals(method)) {
      call = CodexTools.fileChangeCall(params, openToolItems.get(params.path("itemId").asText()), cwd);
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
}
