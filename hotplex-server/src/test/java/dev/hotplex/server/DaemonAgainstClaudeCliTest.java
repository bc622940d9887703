package dev.hotplex.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotplex.client.HotplexClient;
import dev.hotplex.client.SessionInfo;
import dev.hotplex.client.SessionSpec;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.testkit.model.FakeModelServer;
import dev.hotplex.testkit.model.ModelScript;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon driving the real Claude Code CLI against the test kit's model server on loopback. Skipped when the
 * pinned CLI is not installed (scripts/install-agents claude).
 */
@Timeout(180)
class DaemonAgainstClaudeCliTest {
  @TempDir Path dir;

  @Test
  void realClaudeTurnThroughTheDaemonStreamsAnAllowedToolCallAndASuccessfulResult() throws Exception {
    String agents = System.getenv("HOTPLEX_AGENTS_DIR");
    Path claude = Path.of(agents != null ? agents : System.getProperty("hotplex.agents.dir", ".hotplex/agents"))
        .resolve("claude/node_modules/.bin/claude");
    assumeTrue(Files.isExecutable(claude), "The Claude Code CLI is not installed at " + claude);
    Path work = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(work.resolve("README.md"), "# sample\n");
    SessionOptions defaults = SessionOptions.builder().agentHome(Files.createDirectories(dir.resolve("home")))
        .environment("ANTHROPIC_API_KEY", "sk-fake-for-tests").build();
    try (FakeModelServer model = FakeModelServer.start(ModelScript.demo());
        HotplexServer server = HotplexServer.builder().listen(new InetSocketAddress("127.0.0.1", 0))
            .stateDir(dir.resolve("state")).sessionDefaults(defaults).build().start()) {
      HotplexClient client = HotplexClient.discover(server.stateDir());
      SessionInfo session = client.createOrReuseSession(SessionSpec.named("real").workDir(work)
          .baseUrl(model.baseUrl()).allowedTools(List.of("Bash(ls:*)", "Bash(cat:*)")));
      List<AgentEvent> events = new CopyOnWriteArrayList<>();

      TurnResult result = client.streamEvents(session.id(),
          client.startTurn(session.id(), "Look around this repository."), 0, (seq, event) -> events.add(event));

      assertThat(result.isError()).as(result.errorMessage()).isFalse();
      assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(
          AgentEvents.ToolDecision.class, decision -> assertThat(decision.allowed()).isTrue()));
      String token = Files.readString(server.tokenFile()).strip();
      String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint()
          + "/metrics")).header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("hotplex_tool_calls_total{decision=\"allow\"}")
          .contains("hotplex_turns_total{outcome=\"success\"} 1.0");
      client.closeSession(session.id());
    }
  }
}
