package dev.hotplex.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.client.HotplexClient;
import dev.hotplex.client.SessionInfo;
import dev.hotplex.client.SessionSpec;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.EventJson;
import dev.hotplex.event.TurnResult;
import dev.hotplex.server.HotplexServer;
import dev.hotplex.session.Session;
import dev.hotplex.session.SessionKey;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.session.SessionPool;
import dev.hotplex.session.Turn;
import dev.hotplex.testkit.fakecli.FakeAgentCli;
import dev.hotplex.testkit.fakecli.FakeCliLauncher;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many sessions and turns at once, through the engine and through the daemon on 127.0.0.1 (the test kit's fake
 * CLI behind the real Claude provider, so the load is hotplex's, not a model's). Every turn's events must reach
 * its own listener or stream exactly once and in order: none lost, none duplicated, none from another session.
 * Bounded: fixed counts and a time limit; the heap after GC must come back near where it started.
 */
class LoadTest {
  static final int SESSIONS = Trials.count("loadSessions", 8, 32);
  static final int TURNS = Trials.count("loadTurns", 10, 50);
  static final Duration LIMIT = Duration.ofMinutes(Trials.FULL ? 20 : 5);
  /** The most the heap may grow over a whole load run, once collected (MB). */
  static final long GROWTH_LIMIT_MB = 48;
  @RegisterExtension
  static final Figures.Table TABLE = Figures.table(60, "load", "Load (fake CLI behind the real Claude provider)",
      "path", "sessions x turns", "events", "lost", "duplicated", "misrouted or out of order", "wall time (s)",
      "peak heap (MB)", "heap growth after GC (MB)");

  @TempDir Path dir;

  /** What one turn's listener must have seen: init, the echo of its own prompt, the result, once each. */
  private static final class Check {
    final AtomicInteger events = new AtomicInteger();
    final AtomicInteger lost = new AtomicInteger();
    final AtomicInteger duplicated = new AtomicInteger();
    final AtomicInteger misrouted = new AtomicInteger();
    final List<String> problems = new CopyOnWriteArrayList<>();

    void turn(String prompt, List<AgentEvent> seen, TurnResult result) {
      events.addAndGet(seen.size());
      List<String> types = seen.stream().map(event -> event.getClass().getSimpleName()).toList();
      long texts = seen.stream().filter(AgentEvents.Text.class::isInstance).count();
      long results = seen.stream().filter(TurnResult.class::isInstance).count();
      boolean ownText = seen.stream().filter(AgentEvents.Text.class::isInstance)
          .allMatch(text -> ((AgentEvents.Text) text).text().equals("ECHO: " + prompt));
      if (result == null || texts == 0 || results == 0) {
        lost.incrementAndGet();
        problems.add("lost: " + prompt + " saw " + types);
      } else if (texts > 1 || results > 1 || seen.stream().filter(AgentEvents.Init.class::isInstance).count() > 1) {
        duplicated.incrementAndGet();
        problems.add("duplicated: " + prompt + " saw " + types);
      } else if (!ownText || !result.text().equals("ECHO: " + prompt) || !(seen.get(seen.size() - 1)
          instanceof TurnResult) || !(seen.get(0) instanceof AgentEvents.Init)
          || seen.stream().anyMatch(AgentEvents.Error.class::isInstance)) {
        misrouted.incrementAndGet();
        problems.add("misrouted or out of order: " + prompt + " saw " + seen);
      }
    }

    void publish(String path, long millis, long peak, long growth) {
      TABLE.row(path, SESSIONS + " x " + TURNS, events.get(), lost.get(), duplicated.get(), misrouted.get(),
          String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0), peak, Math.max(0, growth));
      assertThat(problems).as(path).isEmpty();
      assertThat(growth).as("%s: heap growth after GC (MB)", path).isLessThan(GROWTH_LIMIT_MB);
    }
  }

  private SessionOptions.Builder fakeSessions() throws Exception {
    Path cli = FakeCliLauncher.write(dir.resolve("bin"), FakeAgentCli.Mode.NORMAL);
    return SessionOptions.builder().cliPath(cli).agentHome(Files.createDirectories(dir.resolve("home")))
        .environment("ANTHROPIC_API_KEY", ClaudeRig.API_KEY).environment("FAKE_CLI_DELAY_MS", "0");
  }

  @Test
  void engineDeliversEveryEventOnceToTheRightListener() throws Exception {
    Check check = new Check();
    SessionOptions.Builder options = fakeSessions();
    long before = Heap.usedAfterGc();
    Heap.resetPeak();
    long started = System.nanoTime();
    try (SessionPool pool = SessionPool.builder().maxSessions(SESSIONS).build()) {
      List<Session> sessions = new ArrayList<>();
      for (int s = 0; s < SESSIONS; s++) {
        Path work = Files.createDirectories(dir.resolve("engine-" + s));
        sessions.add(pool.open(SessionKey.of("load", "s" + s), options.workDir(work).build()));
      }
      // Every turn of every session at once: each session queues its turns, all sessions run in parallel.
      List<Turn> turns = new ArrayList<>();
      List<String> prompts = new ArrayList<>();
      List<List<AgentEvent>> seen = new ArrayList<>();
      for (int t = 0; t < TURNS; t++) {
        for (int s = 0; s < SESSIONS; s++) {
          String prompt = "session " + s + " turn " + t + " " + Trials.token();
          List<AgentEvent> events = new CopyOnWriteArrayList<>();
          prompts.add(prompt);
          seen.add(events);
          turns.add(sessions.get(s).send(prompt, events::add));
        }
      }
      long deadline = System.nanoTime() + LIMIT.toNanos();
      for (int i = 0; i < turns.size(); i++) {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        check.turn(prompts.get(i), seen.get(i), turns.get(i).await(left).orElse(null));
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    check.publish("engine (SessionPool, queued turns)", millis, Heap.peak(), Heap.usedAfterGc() - before);
  }

  /** How a load client talks to the daemon. */
  private enum Api { SSE, WEBSOCKET }

  @Test
  void daemonStreamsEveryEventOnceToTheRightClientOverSse() throws Exception {
    daemonLoad(Api.SSE, "daemon on 127.0.0.1 (REST + SSE, one client per session)");
  }

  @Test
  void daemonStreamsEveryEventOnceToTheRightClientOverWebSocket() throws Exception {
    daemonLoad(Api.WEBSOCKET, "daemon on 127.0.0.1 (WebSocket execute, one socket per session)");
  }

  private void daemonLoad(Api api, String path) throws Exception {
    Check check = new Check();
    SessionOptions defaults = fakeSessions().build();
    long before = Heap.usedAfterGc();
    Heap.resetPeak();
    long started = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
    try (HotplexServer server = HotplexServer.builder().listen(new InetSocketAddress("127.0.0.1", 0))
        .stateDir(dir.resolve("state")).sessionDefaults(defaults).maxSessions(SESSIONS).build().start()) {
      List<Future<?>> done = new ArrayList<>();
      for (int s = 0; s < SESSIONS; s++) {
        int session = s;
        done.add(clients.submit(() -> {
          // One client (its own connection) per session, turns one after another, each streamed.
          try (HotplexClient client = HotplexClient.discover(server.stateDir())) {
            SessionInfo info = client.createOrReuseSession(SessionSpec.named("load-" + api + "-" + session)
                .workDir(Files.createDirectories(dir.resolve("daemon-" + api + "-" + session))));
            String token = Files.readString(server.tokenFile()).strip();
            try (WsClient ws = api == Api.WEBSOCKET ? WsClient.connect(client.endpoint(), token) : null) {
              for (int t = 0; t < TURNS; t++) {
                String prompt = "session " + session + " turn " + t + " " + Trials.token();
                List<AgentEvent> events = new CopyOnWriteArrayList<>();
                List<Long> seqs = new CopyOnWriteArrayList<>();
                TurnResult result = api == Api.SSE ? sse(client, info.id(), prompt, seqs, events)
                    : webSocket(ws, info.id(), prompt, seqs, events);
                if (!seqs.equals(java.util.stream.LongStream.range(0, seqs.size()).boxed().toList())) {
                  check.problems.add("sequence numbers " + seqs + " for " + prompt);
                }
                check.turn(prompt, events, result);
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    check.publish(path, millis, Heap.peak(), Heap.usedAfterGc() - before);
  }

  private static TurnResult sse(HotplexClient client, String session, String prompt, List<Long> seqs,
      List<AgentEvent> events) throws Exception {
    int turn = client.startTurn(session, prompt);
    return client.streamEvents(session, turn, 0, (seq, event) -> {
      seqs.add(seq);
      events.add(event);
    });
  }

  private static TurnResult webSocket(WsClient ws, String session, String prompt, List<Long> seqs,
      List<AgentEvent> events) throws Exception {
    ObjectNode request = EventJson.mapper().createObjectNode().put("id", prompt).put("type", "execute")
        .put("session", session).put("prompt", prompt);
    TurnResult result = null;
    for (JsonNode message : ws.untilResult(request.toString(), LIMIT)) {
      if (!message.path("id").asText().equals(prompt)) {
        events.add(new AgentEvents.Error("a reply for another request: " + message));
      } else if (message.path("type").asText().equals("event")) {
        seqs.add(message.path("seq").asLong());
        AgentEvent event = EventJson.fromJson(message.path("event").toString());
        events.add(event);
        result = event instanceof TurnResult end ? end : result;
      }
    }
    return result;
  }
}
