package dev.hotplex.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.client.HotplexClientException;
import dev.hotplex.client.SessionInfo;
import dev.hotplex.event.EventJson;
import dev.hotplex.event.TurnResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A turn started with its own tool patterns is decided by them, the session's other turns by the session's, and
 * every decision lands in the session's audit log with its turn. The fake CLI's {@code MODE:ask-permission} turn
 * asks to run {@code Bash: echo hello > out.txt} and says what it was told.
 */
@Timeout(60)
class TurnToolsTest {
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

  private TurnResult run(String session, int turn) throws Exception {
    return daemon.client.streamEvents(session, turn, 0, (seq, event) -> { });
  }

  @Test
  void turnWithItsOwnAllowedToolsIsDecidedByThemAndLaterTurnsGoBackToTheSessions() throws Exception {
    SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("review-then-fix")
        .allowedTools(List.of("Read")));

    TurnResult review = run(session.id(), daemon.client.startTurn(session.id(), "MODE:ask-permission review"));
    TurnResult fix = run(session.id(), daemon.client.startTurn(session.id(), "MODE:ask-permission fix",
        List.of("Read", "Bash"), null));
    TurnResult again = run(session.id(), daemon.client.startTurn(session.id(), "MODE:ask-permission again"));

    assertThat(review.text()).startsWith("PERMISSION deny");
    assertThat(fix.text()).startsWith("PERMISSION allow");
    assertThat(again.text()).startsWith("PERMISSION deny");
    List<JsonNode> audit = auditLines(session.id());
    assertThat(audit).extracting(line -> line.path("turn").asInt() + " " + line.path("decision").asText())
        .containsExactly("1 deny", "2 allow", "3 deny");
    assertThat(audit.get(0).path("rule").asText()).isEqualTo("tools.not-allowed");
    assertThat(audit.get(1).path("session").asText()).isEqualTo(session.id());
  }

  @Test
  void turnDisallowedToolsWinOverTheSessionsAllowedOnes() throws Exception {
    SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("careful").allowedTools(List.of("Bash")));

    TurnResult result = run(session.id(), daemon.client.startTurn(session.id(), "MODE:ask-permission careful",
        null, List.of("Bash(echo:*)")));

    assertThat(result.text()).startsWith("PERMISSION deny");
    assertThat(result.permissionDenials()).singleElement()
        .satisfies(denial -> assertThat(denial.rule()).isEqualTo("tools.disallowed"));
  }

  @Test
  void unknownOrMalformedTurnFieldsAreRejectedByName() throws Exception {
    SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("strict"));

    assertThat(daemon.post("/v1/sessions/" + session.id() + "/turns", "{\"prompt\":\"hi\",\"allowTools\":[]}")
        .body()).contains("Unknown field 'allowTools'");
    assertThat(daemon.post("/v1/sessions/" + session.id() + "/turns", "{\"prompt\":\"hi\",\"allowedTools\":\"Read\"}")
        .body()).contains("'allowedTools' must be an array");
    assertThatThrownBy(() -> daemon.client.startTurn(session.id(), "hi", List.of("Bash(unclosed"), null))
        .isInstanceOf(HotplexClientException.class)
        .satisfies(e -> assertThat(((HotplexClientException) e).status()).isEqualTo(400));
    assertThat(daemon.client.session(session.id()).turns()).as("a refused turn is not started").isZero();
  }

  private List<JsonNode> auditLines(String sessionId) throws Exception {
    Path file = daemon.server.stateDir().resolve("sessions").resolve(sessionId).resolve(DaemonSession.AUDIT_FILE);
    return Files.readAllLines(file).stream().map(line -> {
      try {
        return EventJson.mapper().readTree(line);
      } catch (java.io.IOException e) {
        throw new AssertionError("audit line is not JSON: " + line, e);
      }
    }).toList();
  }
}
