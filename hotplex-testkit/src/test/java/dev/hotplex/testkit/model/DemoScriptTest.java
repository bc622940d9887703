package dev.hotplex.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offline demo's conversation plan, step by step, from the requests a client would send. */
class DemoScriptTest {

    private static final String LISTING = "README.md\nbuild.sh\nsrc\n";
    private static final String README_TEXT = "# Sample repo\nA tiny project for the demo.\n";

    private final ModelScript demo = ModelScript.demo();

    @Test
    void firstPromptListsTheFiles() {
        ModelReply reply = demo.replyTo(conversation().user("what is in this repo?").request());

        assertThat(reply.text()).startsWith(ModelScript.DEMO_LABEL);
        assertThat(reply.blocks()).last().satisfies(block -> {
            assertThat(block.toolName()).isEqualTo("Bash");
            assertThat(block.toolInput().path("command").asText()).isEqualTo("ls -1");
        });
    }

    @Test
    void listingWithReadmeLeadsToReadingIt() {
        ModelReply reply = demo.replyTo(conversation().user("what is in this repo?")
                .toolRound("ls -1", LISTING, false).request());

        assertThat(reply.text()).startsWith(ModelScript.DEMO_LABEL).contains("3 entries");
        assertThat(reply.blocks()).last().satisfies(block ->
                assertThat(block.toolInput().path("command").asText()).isEqualTo("cat README.md"));
    }

    @Test
    void afterBothToolsTheTurnEndsWithASummary() {
        ModelReply reply = demo.replyTo(conversation().user("what is in this repo?")
                .toolRound("ls -1", LISTING, false).toolRound("cat README.md", README_TEXT, false).request());

        assertThat(reply.callsTool()).isFalse();
        assertThat(reply.text()).startsWith(ModelScript.DEMO_LABEL)
                .contains("README.md, build.sh, src").contains("# Sample repo");
    }

    @Test
    void laterPromptQuotesTheFirstTurnsToolResults() {
        ModelReply reply = demo.replyTo(conversation().user("what is in this repo?")
                .toolRound("ls -1", LISTING, false).toolRound("cat README.md", README_TEXT, false)
                .assistant("summary").user("and what did you see before?").request());

        assertThat(reply.callsTool()).isFalse();
        assertThat(reply.text()).startsWith(ModelScript.DEMO_LABEL)
                .contains("and what did you see before?").contains("build.sh").contains("# Sample repo");
    }

    @Test
    void refusedListingIsReportedNotSummarised() {
        ModelReply reply = demo.replyTo(conversation().user("what is in this repo?")
                .toolRound("ls -1", "Permission to use Bash has been denied.", true).request());

        assertThat(reply.callsTool()).isFalse();
        assertThat(reply.text()).contains("was not run").contains("Permission to use Bash has been denied.");
    }

    private static Conversation conversation() {
        return new Conversation();
    }

    /** Builds a Messages request body the way Claude Code shapes it. */
    private static final class Conversation {
        private final ObjectNode body = Loopback.JSON.createObjectNode().put("stream", true);
        private final ArrayNode messages = body.putArray("messages");
        private int toolIds;

        Conversation user(String text) {
            ArrayNode content = messages.addObject().put("role", "user").putArray("content");
            content.addObject().put("type", "text").put("text", "<system-reminder>\nnoise\n</system-reminder>\n");
            content.addObject().put("type", "text").put("text", text);
            messages.addObject().put("role", "system").put("content", "# Environment");
            return this;
        }

        Conversation assistant(String text) {
            messages.addObject().put("role", "assistant").putArray("content").addObject().put("type", "text")
                    .put("text", text);
            return this;
        }

        Conversation toolRound(String command, String result, boolean isError) {
            String id = "toolu_" + (++toolIds);
            messages.addObject().put("role", "assistant").putArray("content").addObject().put("type", "tool_use")
                    .put("id", id).put("name", "Bash").set("input", Loopback.JSON.valueToTree(Map.of("command", command)));
            messages.addObject().put("role", "user").putArray("content").addObject().put("type", "tool_result")
                    .put("tool_use_id", id).put("content", result).put("is_error", isError);
            return this;
        }

        ModelRequest request() {
            return new ModelRequest("POST", "/v1/messages", "", Map.of(), body);
        }
    }
}
