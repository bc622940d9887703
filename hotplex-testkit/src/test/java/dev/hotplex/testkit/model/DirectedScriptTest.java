package dev.hotplex.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directed script: RUN and SLOW directives on top of the demo, and the request record. */
class DirectedScriptTest {
    private final ModelScript directed = ModelScript.directed();

    @Test
    void runDirectiveMakesTheModelCallBashWithThatCommand() {
        ModelReply reply = directed.replyTo(new Conversation().user("Clean up.\nRUN: rm -rf /tmp/x").request());

        assertThat(reply.text()).startsWith(ModelScript.DEMO_LABEL);
        assertThat(reply.blocks()).last().satisfies(block -> {
            assertThat(block.toolName()).isEqualTo("Bash");
            assertThat(block.toolInput().path("command").asText()).isEqualTo("rm -rf /tmp/x");
        });
    }

    @Test
    void afterTheCommandTheModelReportsItsResultEvenWhenDenied() {
        ModelReply reply = directed.replyTo(new Conversation().user("RUN: rm -rf /tmp/x")
                .toolRound("rm -rf /tmp/x", "Denied by destroy.outside-workspace", true).request());

        assertThat(reply.callsTool()).isFalse();
        assertThat(reply.text()).isEqualTo("DONE: tool finished (Denied by destroy.outside-workspace)");
    }

    @Test
    void slowDirectiveDelaysOnlyTheFirstAnswer() {
        ModelReply first = directed.replyTo(new Conversation().user("Think.\nSLOW: 7").request());
        ModelReply run = directed.replyTo(new Conversation().user("SLOW: 3\nRUN: ls").request());

        assertThat(first.delay()).isEqualTo(Duration.ofSeconds(7));
        assertThat(first.text()).contains("Answered after 7 s");
        assertThat(run.delay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(run.callsTool()).isTrue();
    }

    @Test
    void promptWithoutDirectivesGetsTheDemo() {
        ModelReply reply = directed.replyTo(new Conversation().user("what is in this repo?").request());

        assertThat(reply.blocks()).last().satisfies(block ->
                assertThat(block.toolInput().path("command").asText()).isEqualTo("ls -1"));
    }

    @Test
    void badSlowValueIsNamed() {
        assertThatThrownBy(() -> directed.replyTo(new Conversation().user("SLOW: soon").request()))
                .hasMessageContaining("whole number of seconds, not 'soon'");
    }

    @Test
    void recordHasOneLinePerRequestWithTheKeyOnlyAsItsHash(@TempDir Path dir) throws Exception {
        Path record = dir.resolve("requests.ndjson");
        try (FakeModelServer server = FakeModelServer.start(ModelScript.directed()).recordTo(record)) {
            Loopback.post(server, "/v1/messages", Loopback.userTurn("first prompt"));
            Loopback.post(server, "/v1/messages", Loopback.userTurn("second prompt"));
        }

        List<String> lines = Files.readAllLines(record);
        assertThat(lines).hasSize(2);
        JsonNode second = Loopback.parse(lines.get(1));
        assertThat(second.path("path").asText()).isEqualTo("/v1/messages");
        assertThat(second.path("body").toString()).contains("second prompt");
        // Loopback sends "x-api-key: fake".
        assertThat(second.path("apiKeySha256").asText())
                .isEqualTo("b5d54c39e66671c9731b9f471e585d8262cd4f54963f0c93082d8dcf334d4c78");
        assertThat(lines.get(0)).doesNotContain("\"fake\"");
    }
}
