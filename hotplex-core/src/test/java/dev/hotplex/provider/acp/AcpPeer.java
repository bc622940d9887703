package dev.hotplex.provider.acp;

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
import java.util.function.Function;
import java.util.stream.Collectors;

/** An in-memory {@link ProtocolPeer}: records what the ACP client sends and emits, answers from a script. */
final class AcpPeer implements ProtocolPeer {
  final List<String> sent = new CopyOnWriteArrayList<>();
  final List<AgentEvent> events = new CopyOnWriteArrayList<>();
  final List<TurnResult> results = new CopyOnWriteArrayList<>();
  final List<ToolCall> permissionRequests = new CopyOnWriteArrayList<>();
  private final Function<ToolCall, CompletionStage<PermissionDecision>> handler;

  AcpPeer(Function<ToolCall, CompletionStage<PermissionDecision>> handler) {
    this.handler = handler;
  }

  static AcpPeer answering(PermissionDecision decision) {
    return new AcpPeer(call -> CompletableFuture.completedFuture(decision));
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
    return handler.apply(call);
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
      return AcpWire.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }
}
