package dev.hotplex.provider.claude;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.provider.ProtocolPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An in-memory {@link ProtocolPeer}: records what the protocol sends and emits, answers from a script. */
final class RecordingPeer implements ProtocolPeer {
  final List<String> sent = new CopyOnWriteArrayList<>();
  final List<AgentEvent> events = new CopyOnWriteArrayList<>();
  final List<TurnResult> results = new CopyOnWriteArrayList<>();
  final List<ToolCall> permissionRequests = new CopyOnWriteArrayList<>();
  private final Function<ToolCall, CompletionStage<PermissionDecision>> handler;

  RecordingPeer(Function<ToolCall, CompletionStage<PermissionDecision>> handler) {
    this.handler = handler;
  }

  /** A peer whose handler answers every call at once with the same decision. */
  static RecordingPeer answering(PermissionDecision decision) {
    return new RecordingPeer(call -> CompletableFuture.completedFuture(decision));
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

  /** The emitted events of one type, in order. */
  <T extends AgentEvent> List<T> eventsOf(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
  }

  /** Every sent line parsed as JSON. */
  List<JsonNode> sentJson() {
    List<JsonNode> parsed = new ArrayList<>();
    for (String line : sent) {
      parsed.add(Transcript.parse(line));
    }
    return parsed;
  }

  JsonNode lastSent() {
    return Transcript.parse(sent.get(sent.size() - 1));
  }

  /** The {@code response} object of the last line sent, which must be a control_response. */
  JsonNode lastSentControlResponse() {
    JsonNode last = lastSent();
    if (!"control_response".equals(last.path("type").asText())) {
      throw new AssertionError("expected a control_response as last line sent, got " + last);
    }
    return last.path("response");
  }
}
