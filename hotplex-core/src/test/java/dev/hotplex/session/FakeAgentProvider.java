package dev.hotplex.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.event.Usage;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import dev.hotplex.provider.AgentProtocol;
import dev.hotplex.provider.AgentProvider;
import dev.hotplex.provider.AgentSettings;
import dev.hotplex.provider.JsonLines;
import dev.hotplex.provider.LaunchSpec;
import dev.hotplex.provider.ProtocolPeer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only provider that drives {@code FakeAgentCli}: just enough of the stream-json protocol to exercise the
 * engine (user lines, init/assistant/result, can_use_tool), independent of the real Claude provider.
 */
final class FakeAgentProvider implements AgentProvider {
  static final String ID = "fake";
  static final String EXECUTABLE = "hotplex-fake-agent-not-installed";
  static final String API_KEY_VARIABLE = "FAKE_AGENT_API_KEY";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String id() {
    return ID;
  }

  /** Like the providers that write their own config: a folder the sandbox must leave writable. */
  @Override
  public List<Path> writablePaths(AgentSettings settings) {
    return settings.stateDir() == null ? List.of() : List.of(settings.stateDir().resolve("fake-config"));
  }

  @Override
  public String executableName() {
    return EXECUTABLE;
  }

  @Override
  public String npmPackage() {
    return "@example/fake-agent@1.2.3";
  }

  @Override
  public String apiKeyVariable() {
    return API_KEY_VARIABLE;
  }

  @Override
  public LaunchSpec launchSpec(AgentSettings settings) {
    List<String> args = new ArrayList<>(List.of("--output-format", "stream-json"));
    if (settings.resumeSessionId() != null) {
      args.addAll(List.of("--resume", settings.resumeSessionId()));
    }
    return new LaunchSpec(args, Map.of(), Set.of(API_KEY_VARIABLE), Set.of(API_KEY_VARIABLE));
  }

  @Override
  public AgentProtocol newProtocol(AgentSettings settings, ProtocolPeer peer) {
    return new Protocol(peer);
  }

  private static final class Protocol implements AgentProtocol {
    private final ProtocolPeer peer;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String sessionId;

    Protocol(ProtocolPeer peer) {
      this.peer = peer;
    }

    @Override
    public void start() {
      control("initialize");
    }

    @Override
    public void sendUserTurn(String prompt) {
      ObjectNode user = JSON.createObjectNode().put("type", "user");
      user.putObject("message").put("role", "user").putArray("content").addObject().put("type", "text")
          .put("text", prompt);
      peer.send(user.toString());
    }

    @Override
    public void interrupt() {
      control("interrupt");
    }

    private void control(String subtype) {
      ObjectNode request = JSON.createObjectNode().put("type", "control_request")
          .put("request_id", subtype + "_" + requests.incrementAndGet());
      request.putObject("request").put("subtype", subtype);
      peer.send(request.toString());
    }

    @Override
    public void onLine(String line) {
      Optional<JsonNode> parsed = JsonLines.readObject(line, JSON, "The fake agent", peer);
      if (parsed.isEmpty()) {
        return;
      }
      JsonNode message = parsed.get();
      switch (message.path("type").asText()) {
        case "system" -> {
          sessionId = message.path("session_id").asText(null);
          peer.emit(new AgentEvents.Init(sessionId, message.path("model").asText(), message.path("cwd").asText(),
              List.of(), message.path("permissionMode").asText()));
        }
        case "assistant" -> {
          for (JsonNode block : message.path("message").path("content")) {
            if (block.path("type").asText().equals("tool_use")) {
              peer.emit(new AgentEvents.ToolUse(block.path("id").asText(), block.path("name").asText(),
                  block.path("input")));
            } else {
              peer.emit(new AgentEvents.Text(block.path("text").asText()));
            }
          }
        }
        case "control_request" -> askPermission(message);
        case "result" -> peer.turnCompleted(result(message));
        default -> { } // control responses, stream events and echoed user messages need nothing here
      }
    }

    private void askPermission(JsonNode message) {
      JsonNode request = message.path("request");
      ToolCall call = new ToolCall(ID, request.path("tool_name").asText(), request.path("tool_use_id").asText(),
          ToolKind.SHELL, request.path("input").path("command").asText(), List.of(), List.of(),
          request.path("input"), null);
      peer.requestPermission(call).thenAccept(decision -> {
        ObjectNode answer = JSON.createObjectNode();
        if (decision instanceof PermissionDecision.Allow) {
          answer.put("behavior", "allow").set("updatedInput", request.path("input"));
        } else {
          answer.put("behavior", "deny").put("message", decision.reason());
        }
        ObjectNode response = JSON.createObjectNode().put("subtype", "success")
            .put("request_id", message.path("request_id").asText());
        response.set("response", answer);
        ObjectNode reply = JSON.createObjectNode().put("type", "control_response");
        reply.set("response", response);
        peer.send(reply.toString());
      });
    }

    private static TurnResult result(JsonNode message) {
      JsonNode usage = message.path("usage");
      boolean isError = message.path("is_error").asBoolean();
      return new TurnResult(message.path("result").asText(), isError, message.path("subtype").asText(),
          message.path("session_id").asText(null), new Usage(usage.path("input_tokens").asLong(),
              usage.path("output_tokens").asLong(), 0, 0), message.path("total_cost_usd").asDouble(), 0,
          message.path("duration_api_ms").asLong(), message.path("num_turns").asInt(), 0, List.of(),
          message.path("stop_reason").asText(null), null, isError ? "the agent reported an error" : null);
    }

    @Override
    public Optional<String> agentSessionId() {
      return Optional.ofNullable(sessionId);
    }
  }
}
