package dev.hotplex.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;

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
}
