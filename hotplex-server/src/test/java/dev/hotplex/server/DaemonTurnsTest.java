package dev.hotplex.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.client.HotplexClient;
import dev.hotplex.client.HotplexClientException;
import dev.hotplex.client.SessionInfo;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.EventJson;
import dev.hotplex.event.TurnResult;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DaemonTurnsTest {
  @TempDir Path dir;
  DaemonFixture daemon;

  @BeforeEach
  void start() throws Exception {
    daemon = new DaemonFixture(dir);
  }

  @AfterEach
  void stop() {
    daemon.close();
  }

  /** Every event of a finished turn, as (seq, JSON) lines, read from offset 0. */
  private List<String> fullLog(String session, int turn) throws Exception {
    List<String> all = new ArrayList<>();
    daemon.client.streamEvents(session, turn, 0, (seq, event) -> all.add(seq + " " + EventJson.toJson(event)));
    return all;
  }

  @Test
  void turnStreamsEventsAndEndsWithItsResult() throws Exception {
    SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("review"));
    int turn = daemon.client.startTurn(session.id(), "hello daemon");
    List<AgentEvent> events = new CopyOnWriteArrayList<>();
    TurnResult result = daemon.client.streamEvents(session.id(), turn, 0, (seq, event) -> events.add(event));

    assertThat(result.isError()).as(result.errorMessage()).isFalse();
    assertThat(result.text()).isEqualTo("ECHO: hello daemon");
    assertThat(events).last().isEqualTo(result);
    assertThat(events).filteredOn(AgentEvents.Text.class::isInstance).isNotEmpty();
    JsonNode described = EventJson.mapper().readTree(daemon.get("/v1/sessions/" + session.id() + "/turns/1").body());
    assertThat(described.path("complete").asBoolean()).isTrue();
    assertThat(described.path("result").path("text").asText()).isEqualTo("ECHO: hello daemon");
  }

  @Test
  void sameNameAndScopeReusesTheWarmSession() throws Exception {
    SessionInfo first = daemon.client.createOrReuseSession(daemon.spec("warm"));
    SessionInfo again = daemon.client.createOrReuseSession(daemon.spec("warm"));
    SessionInfo otherScope = daemon.client.createOrReuseSession(daemon.spec("warm").scope("build-2"));

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(otherScope.id()).isNotEqualTo(first.id());
  }

  @Test
  void twoClientsOnTwoSessionsDoNotSeeEachOthersEvents() throws Exception {
    HotplexClient other = HotplexClient.discover(daemon.server.stateDir());
    SessionInfo alpha = daemon.client.createOrReuseSession(daemon.spec("alpha"));
    SessionInfo beta = other.createOrReuseSession(daemon.spec("beta"));
    int alphaTurn = daemon.client.startTurn(alpha.id(), "MODE:slow alpha-secret");
    int betaTurn = other.startTurn(beta.id(), "MODE:slow beta-secret");

    List<String> alphaSeen = new CopyOnWriteArrayList<>();
    List<String> betaSeen = new CopyOnWriteArrayList<>();
    CompletableFuture<TurnResult> alphaResult = CompletableFuture.supplyAsync(() -> stream(daemon.client,
        alpha.id(), alphaTurn, alphaSeen));
    TurnResult betaResult = stream(other, beta.id(), betaTurn, betaSeen);

    assertThat(alphaResult.get().text()).isEqualTo("ECHO: alpha-secret");
    assertThat(betaResult.text()).isEqualTo("ECHO: beta-secret");
    assertThat(String.join("\n", alphaSeen)).contains("alpha-secret").doesNotContain("beta-secret");
    assertThat(String.join("\n", betaSeen)).contains("beta-secret").doesNotContain("alpha-secret");
  }

  private static TurnResult stream(HotplexClient client, String session, int turn, List<String> seen) {
    try {
      return client.streamEvents(session, turn, 0, (seq, event) -> seen.add(EventJson.toJson(event)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void reattachFromAnOffsetAfterADisconnectMidTurnLosesNoEventAndDuplicatesNone() throws Exception {
    SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("reattach"));
    int turn = daemon.client.startTurn(session.id(), "MODE:slow keep going");
    String path = "/v1/sessions/" + session.id() + "/turns/" + turn + "/events";

    List<String> seen = new ArrayList<>();
    HttpResponse<InputStream> live = daemon.http.send(daemon.authorized(path + "?from=0").GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
      String id = null;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("data: ")) {
          seen.add(id + " " + line.substring(6));
          break; // the client goes away after its first event, mid-turn
        }
      }
    }
    JsonNode during = EventJson.mapper().readTree(daemon.get("/v1/sessions/" + session.id() + "/turns/1").body());
    assertThat(during.path("complete").asBoolean()).as("the turn is still running").isFalse();

    TurnResult result = daemon.client.streamEvents(session.id(), turn, seen.size(),
        (seq, event) -> seen.add(seq + " " + EventJson.toJson(event)));

    assertThat(result.text()).isEqualTo("ECHO: keep going");
    assertThat(seen).containsExactlyElementsOf(fullLog(session.id(), turn));
  }

  @Test
  void clientReattachesByItselfWhenTheConnectionDropsMidTurn() throws Exception {
    SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("proxied"));
    int turn = daemon.client.startTurn(session.id(), "MODE:slow through a bad network");
    int port = URI.create(daemon.server.endpoint()).getPort();
    try (CuttingProxy proxy = new CuttingProxy(port, "id: 0\n")) {
      HotplexClient flaky = HotplexClient.connect(URI.create("http://127.0.0.1:" + proxy.port()), daemon.token);
      List<String> seen = new CopyOnWriteArrayList<>();

      TurnResult result = flaky.streamEvents(session.id(), turn, 0,
          (seq, event) -> seen.add(seq + " " + EventJson.toJson(event)));

      assertThat(proxy.hasCut()).isTrue();
      assertThat(result.text()).isEqualTo("ECHO: through a bad network");
      assertThat(seen).containsExactlyElementsOf(fullLog(session.id(), turn));
    }
  }

  @Test
  void lastEventIdHeaderResumesAfterThatEvent() throws Exception {
    SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("last-id"));
    int turn = daemon.client.startTurn(session.id(), "hi");
    List<String> all = fullLog(session.id(), turn);

    HttpResponse<String> resumed = daemon.http.send(daemon.authorized("/v1/sessions/" + session.id() + "/turns/"
        + turn + "/events").header("Last-Event-ID", "0").GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(resumed.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));
    assertThat(resumed.body()).doesNotContain("id: 0\n").contains("id: 1\n")
        .contains("id: " + (all.size() - 1) + "\nevent: result\n");
  }

  @Test
  void offsetPastTheEndOfAFinishedTurnIsABadRequest() throws Exception {
    SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("past-end"));
    int turn = daemon.client.startTurn(session.id(), "hi");
    int count = fullLog(session.id(), turn).size();
    String path = "/v1/sessions/" + session.id() + "/turns/" + turn + "/events?from=";

    assertThat(daemon.get(path + count).statusCode()).as("caught up: an empty stream").isEqualTo(200);
    HttpResponse<String> past = daemon.get(path + (count + 5));
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(past.body()).contains("past the end").contains(count + " events");
  }

  @Test
  void unknownSessionFieldIsRejectedByName() throws Exception {
    HttpResponse<String> response = daemon.post("/v1/sessions",
        "{\"name\":\"x\",\"workDir\":\"" + daemon.workDir() + "\",\"alowedTools\":[\"Read\"]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("alowedTools");
    assertThat(daemon.client.sessions()).isEmpty();
  }

  @Test
  void sessionNameWithALineBreakIsRejectedSoItCannotForgeLogLines() throws Exception {
    HttpResponse<String> response = daemon.post("/v1/sessions", "{\"name\":\"x\\n[main] INFO forged\","
        + "\"workDir\":\"" + daemon.workDir() + "\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("control characters").contains("x?[main] INFO forged");
    assertThat(daemon.client.sessions()).isEmpty();
  }

  @Test
  void missingPolicyFileIsRejectedWithItsPath() throws Exception {
    Path missing = dir.resolve("no-such-policy.yaml");
    HttpResponse<String> response = daemon.post("/v1/sessions",
        "{\"name\":\"p\",\"workDir\":\"" + daemon.workDir() + "\",\"policy\":\"" + missing + "\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains(missing.toString());
    assertThat(daemon.client.sessions()).isEmpty();
  }

  @Test
  void closingASessionEndsItsAgentProcess() throws Exception {
    SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("closing"));
    daemon.client.streamEvents(session.id(), daemon.client.startTurn(session.id(), "hi"), 0, (seq, event) -> { });
    long pid = EventJson.mapper().readTree(daemon.get("/v1/sessions/" + session.id()).body()).path("pid").asLong();
    assertThat(ProcessHandle.of(pid)).isPresent();

    daemon.client.closeSession(session.id());

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThatThrownBy(() -> daemon.client.session(session.id())).isInstanceOf(HotplexClientException.class)
        .hasMessageContaining("404");
  }

  /** Starts {@code prompt} in {@code session} and streams it in the background once the agent has begun it. */
  private CompletableFuture<TurnResult> startedTurn(SessionInfo session, String prompt) throws Exception {
    int turn = daemon.client.startTurn(session.id(), prompt);
    List<AgentEvent> events = new CopyOnWriteArrayList<>();
    CompletableFuture<TurnResult> result = CompletableFuture.supplyAsync(() -> {
      try {
        return daemon.client.streamEvents(session.id(), turn, 0, (seq, event) -> events.add(event));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    while (events.isEmpty()) {
      Thread.sleep(20); // the agent has started the turn
    }
    return result;
  }

  @Test
  void interruptEndsARunningTurnWithAnErrorResult() throws Exception {
    SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("interrupt"));
    CompletableFuture<TurnResult> result = startedTurn(session, "MODE:hang wait for me");

    daemon.client.interrupt(session.id());

    assertThat(result.get().isError()).isTrue();
  }

  @Test
  void interruptOfAnAgentThatIgnoresItKillsTheAgentAfterTheGracePeriod() throws Exception {
    SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("stubborn"));
    CompletableFuture<TurnResult> result = startedTurn(session, "MODE:hang-ignore-interrupt wait for me");
    long pid = daemon.client.session(session.id()).pid();

    daemon.client.interrupt(session.id());

    TurnResult ended = result.get();
    assertThat(ended.isError()).isTrue();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("agent killed").isFalse();
  }

  @Test
  void cancellingAWaitingTurnLeavesTheRunningOneAndCancellingThatEndsIt() throws Exception {
    SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("cancel"));
    int running = daemon.client.startTurn(session.id(), "MODE:hang first");
    int waiting = daemon.client.startTurn(session.id(), "second");

    daemon.client.cancelTurn(session.id(), waiting);
    TurnResult waitingResult = daemon.client.streamEvents(session.id(), waiting, 0, (seq, event) -> { });

    assertThat(waitingResult.isError()).isTrue();
    assertThat(waitingResult.subtype()).isEqualTo("error_cancelled");
    assertThat(daemon.client.turnComplete(session.id(), running)).as("the running turn goes on").isFalse();

    daemon.client.cancelTurn(session.id(), running);
    TurnResult runningResult = daemon.client.streamEvents(session.id(), running, 0, (seq, event) -> { });

    assertThat(runningResult.isError()).isTrue();
    assertThat(daemon.client.turnComplete(session.id(), running)).isTrue();
    assertThatThrownBy(() -> daemon.client.cancelTurn(session.id(), 9)).isInstanceOf(HotplexClientException.class)
        .hasMessageContaining("no turn 9");
  }

  @Test
  void metricsCountSessionsTurnsAndLatency() throws Exception {
    SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("metrics"));
    daemon.client.streamEvents(session.id(), daemon.client.startTurn(session.id(), "one"), 0, (seq, event) -> { });

    HttpResponse<String> metrics = daemon.get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("hotplex_sessions_total 1.0")
        .contains("hotplex_sessions_active 1.0")
        .contains("hotplex_turns_total{outcome=\"success\"} 1.0")
        .contains("hotplex_turn_duration_seconds_count 1");
  }
}
