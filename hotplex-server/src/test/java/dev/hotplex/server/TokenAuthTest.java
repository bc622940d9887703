package dev.hotplex.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TokenAuthTest {
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

  private String sessionBody() throws Exception {
    return "{\"name\":\"x\",\"workDir\":\"" + daemon.workDir() + "\"}";
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return daemon.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void requestWithoutTokenGets401AndCreatesNoSession() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(daemon.uri("/v1/sessions"))
        .POST(HttpRequest.BodyPublishers.ofString(sessionBody())));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("Authorization: Bearer");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"hotplex\"");
    assertThat(daemon.client.sessions()).isEmpty();
  }

  @Test
  void wrongTokenGets401AndCreatesNoSession() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(daemon.uri("/v1/sessions"))
        .header("Authorization", "Bearer " + daemon.token + "x")
        .POST(HttpRequest.BodyPublishers.ofString(sessionBody())));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).doesNotContain(daemon.token);
    assertThat(daemon.client.sessions()).isEmpty();
  }

  @Test
  void tokenInQueryStringIsRefusedEvenWhenRight() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(daemon.uri("/v1/sessions?token=" + daemon.token))
        .header("Authorization", "Bearer " + daemon.token)
        .POST(HttpRequest.BodyPublishers.ofString(sessionBody())));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("query string").contains("Authorization: Bearer");
    assertThat(daemon.client.sessions()).isEmpty();
  }

  @Test
  void everyRouteNeedsTheTokenButHealth() throws Exception {
    for (String path : new String[] {"/v1/stats", "/v1/sessions", "/metrics", "/session", "/event", "/v1/ws"}) {
      assertThat(send(HttpRequest.newBuilder(daemon.uri(path)).GET()).statusCode()).as(path).isEqualTo(401);
    }
    HttpResponse<String> health = send(HttpRequest.newBuilder(daemon.uri("/healthz")).GET());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok\n");
  }

  @Test
  void rightTokenInHeaderIsAccepted() throws Exception {
    assertThat(daemon.get("/v1/stats").statusCode()).isEqualTo(200);
  }

  @Test
  void generatedTokenFileIsOwnerOnlyAndDiscoveryFileHoldsNoToken() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.server.tokenFile())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.server.discoveryFile())))
        .isEqualTo("rw-------");
    assertThat(Files.readString(daemon.server.discoveryFile())).doesNotContain(daemon.token)
        .contains(daemon.server.endpoint()).contains(daemon.server.tokenFile().toString());
  }
}
