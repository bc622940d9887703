package dev.hotplex.provider.codex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.provider.ProtocolPeer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** An in-memory {@link ProtocolPeer} for the Codex protocol: records what it sends and emits, answers one way. */
final class CodexPeer implements ProtocolPeer {
  final List<String> sent = new CopyOnWriteArrayList<>();
  final List<AgentEvent> events = new CopyOnWriteArrayList<>();
  final List<TurnResult> results = new CopyOnWriteArrayList<>();
  final List<ToolCall> permissionRequests = new CopyOnWriteArrayList<>();
  private final PermissionDecision decision;

  CodexPeer(PermissionDecision decision) {
    this.decision = decision;
  }

  @Override
  public void send(String line) {
    sent.add(line);
  }

  @Override
  public void emit(AgentEvent event) {
    events.add(event);
  }

  @Override
  public void turnCompleted(TurnResult result) {
    results.add(result);
  }

  @Override
  public CompletionStage<PermissionDecision> requestPermission(ToolCall call) {
    permissionRequests.add(call);
    return CompletableFuture.completedFuture(decision);
  }

  <T extends AgentEvent> List<T> eventsOf(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
  }

  JsonNode sentJson(int index) {
    return parse(sent.get(index));
  }

  JsonNode lastSent() {
    return sentJson(sent.size() - 1);
  }

  static JsonNode parse(String json) {
    try {
      return CodexWire.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }
}
