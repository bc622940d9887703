package dev.hotplex.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.client.HotplexClient;
import dev.hotplex.client.SessionInfo;
import dev.hotplex.event.EventJson;
import dev.hotplex.event.TurnResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class ClientFloodTest {
  private static final int CLIENTS = 48;
  private static final int REQUESTS_PER_CLIENT = 10;
  @TempDir Path dir;

  @Test
  void floodOfConcurrentClientsIsServedAndLeavesNoClientCounted() throws Exception {
    try (DaemonFixture daemon = new DaemonFixture(dir)) {
      SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("shared"));
      int turn = daemon.client.startTurn(session.id(), "for everyone");
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<String>> outcomes = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          int client = c;
          outcomes.add(pool.submit(() -> oneClient(daemon, client, session.id(), turn)));
        }
        for (Future<String> outcome : outcomes) {
          assertThat(outcome.get()).isEqualTo("ECHO: for everyone");
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(clientsCountedOnceStreamsEnd(daemon)).as("only this stats request").isEqualTo(1);
      assertThat(daemon.get("/healthz").body()).isEqualTo("ok\n");
    }
  }

  /**
   * The daemon's client count as soon as it is back to one. A client stops reading at the result event, a moment
   * before the server's stream thread leaves its handler, so the count is polled up to the fixture's timeout.
   */
  private static int clientsCountedOnceStreamsEnd(DaemonFixture daemon) throws Exception {
    long deadline = System.nanoTime() + DaemonFixture.TIMEOUT.toNanos();
    int clients;
    do {
      clients = EventJson.mapper().readTree(daemon.get("/v1/stats").body()).path("clients").asInt();
      if (clients != 1) {
        Thread.sleep(20);
      }
    } while (clients != 1 && System.nanoTime() < deadline);
    return clients;
  }

  /** A client with its own connection: some plain requests, one refused request, then the turn's whole stream. */
  private static String oneClient(DaemonFixture daemon, int client, String session, int turn) throws Exception {
    HotplexClient own = HotplexClient.discover(daemon.server.stateDir());
    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
      assertThat(daemon.get(i % 2 == 0 ? "/v1/stats" : "/v1/sessions/" + session).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> refused = daemon.http.send(HttpRequest.newBuilder(daemon.uri("/v1/stats"))
        .header("Authorization", "Bearer wrong-" + client).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);
    TurnResult result = own.streamEvents(session, turn, 0, (seq, event) -> { });
    return result.text();
  }
}
