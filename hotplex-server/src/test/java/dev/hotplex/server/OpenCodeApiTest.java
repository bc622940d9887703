package dev.hotplex.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.event.EventJson;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class OpenCodeApiTest {
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

  private String createSession(String title) throws Exception {
    HttpResponse<String> created = daemon.post("/session?directory="
        + URLEncoder.encode(daemon.workDir().toString(), StandardCharsets.UTF_8), "{\"title\":\"" + title + "\"}");
    assertThat(created.statusCode()).isEqualTo(200);
    JsonNode info = EventJson.mapper().readTree(created.body());
    assertThat(info.path("directory").asText()).isEqualTo(daemon.workDir().toString());
    return info.path("id").asText();
  }

  @Test
  void messageAnswersWithTheAssistantsText() throws Exception {
    String session = createSession("oc");

    HttpResponse<String> reply = daemon.post("/session/" + session + "/message",
        "{\"parts\":[{\"type\":\"text\",\"text\":\"from opencode\"}]}");

    assertThat(reply.statusCode()).isEqualTo(200);
    JsonNode body = EventJson.mapper().readTree(reply.body());
    assertThat(body.path("info").path("role").asText()).isEqualTo("assistant");
    assertThat(body.path("info").has("error")).isFalse();
    assertThat(body.path("parts").get(0).path("text").asText()).isEqualTo("ECHO: from opencode");
  }

  @Test
  void eventStreamFilteredBySessionEndsEachTurnWithIdleAndShowsNoOtherSession() throws Exception {
    String mine = createSession("mine");
    String theirs = createSession("theirs");
    List<JsonNode> events = new CopyOnWriteArrayList<>();
    CountDownLatch connected = new CountDownLatch(1);
    CountDownLatch idle = new CountDownLatch(1);
    HttpResponse<InputStream> stream = daemon.http.send(daemon.authorized("/event?sessionID=" + mine).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (!line.startsWith("data: ")) {
            continue;
          }
          JsonNode event = EventJson.mapper().readTree(line.substring(6));
          events.add(event);
          connected.countDown();
          if (event.path("type").asText().equals("session.idle")) {
            idle.countDown();
            return;
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(connected.await(30, TimeUnit.SECONDS)).isTrue();

    daemon.post("/session/" + theirs + "/prompt_async", "{\"parts\":[{\"type\":\"text\",\"text\":\"theirs-secret\"}]}");
    HttpResponse<String> started = daemon.post("/session/" + mine + "/prompt_async",
        "{\"parts\":[{\"type\":\"text\",\"text\":\"mine-text\"}]}");
    assertThat(started.statusCode()).isEqualTo(204);

    assertThat(idle.await(30, TimeUnit.SECONDS)).as("session.idle arrives").isTrue();
    stream.body().close();
    List<String> types = events.stream().map(event -> event.path("type").asText()).toList();
    assertThat(types.get(0)).isEqualTo("server.connected");
    assertThat(types).contains("session.status", "message.part.updated", "message.updated");
    assertThat(types.get(types.size() - 1)).isEqualTo("session.idle");
    assertThat(events.stream().skip(1)).allSatisfy(
        event -> assertThat(event.path("properties").path("sessionID").asText()).isEqualTo(mine));
    assertThat(events.toString()).contains("ECHO: mine-text").doesNotContain("theirs-secret");
  }
}
