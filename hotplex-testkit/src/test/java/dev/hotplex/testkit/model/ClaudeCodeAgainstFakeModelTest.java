package dev.hotplex.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real Claude Code CLI against the fake model: proves the wire format is what the CLI expects. */
class ClaudeCodeAgainstFakeModelTest {

    @TempDir
    Path home;
    @TempDir
    Path workDir;

    private ClaudeCli claude;
    private FakeModelServer model;

    @BeforeEach
    void setUp() {
        claude = ClaudeCli.installedOrSkip();
        model = FakeModelServer.start();
    }

    @AfterEach
    void tearDown() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void printModeShowsTheEchoAnswer() {
        ClaudeCli.Run run = claude.run(model, home, workDir, List.of("-p", "hello from the test"));

        assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
        assertThat(run.stdout().strip()).isEqualTo("ECHO: hello from the test");
        ModelRequest request = model.messageRequests().get(0);
        assertThat(request.lastUserText()).isEqualTo("hello from the test");
        assertThat(request.isStreaming()).isTrue();
    }

    @Test
    void streamJsonModeEndsWithSuccessfulResult() {
        ClaudeCli.Run run = claude.run(model, home, workDir,
                List.of("-p", "--output-format", "stream-json", "--verbose", "hello"));

        assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
        List<JsonNode> lines = run.stdout().lines().filter(line -> !line.isBlank()).map(Loopback::parse).toList();
        JsonNode result = lines.get(lines.size() - 1);
        assertThat(result.path("type").asText()).isEqualTo("result");
        assertThat(result.path("is_error").asBoolean(true)).isFalse();
        assertThat(result.path("result").asText()).isEqualTo("ECHO: hello");
        assertThat(result.path("usage").path("input_tokens").asInt()).isEqualTo(ModelReply.DEFAULT_INPUT_TOKENS);
        assertThat(lines).anySatisfy(line -> assertThat(line.path("type").asText()).isEqualTo("assistant"));
    }

    @Test
    void scriptedBashCallRunsAndItsResultReachesTheModel() {
        model.when(ModelRequest::lastUserTextContains, "RUNTOOL")
                .reply(ModelReply.bash("echo hi > out.txt && echo written", "Write out.txt"));

        ClaudeCli.Run run = claude.run(model, home, workDir,
                List.of("-p", "--output-format", "stream-json", "--verbose", "--allowedTools=Bash",
                        "please RUNTOOL"));

        assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
        assertThat(workDir.resolve("out.txt")).hasContent("hi");
        List<ModelRequest> requests = model.messageRequests();
        assertThat(requests).hasSize(2);
        ModelRequest followUp = requests.get(1);
        assertThat(followUp.toolResult()).hasValueSatisfying(result -> {
            assertThat(result.isError()).isFalse();
            assertThat(result.content()).contains("written");
        });
        assertThat(followUp.userTexts()).containsExactly("please RUNTOOL");
        JsonNode result = Loopback.parse(run.stdout().lines().reduce((first, second) -> second).orElseThrow());
        assertThat(result.path("is_error").asBoolean(true)).isFalse();
        assertThat(result.path("result").asText()).startsWith(ModelScript.DONE_PREFIX).contains("written");
    }

    @Test
    void scriptedWriteCallCreatesTheFileUnderAcceptEdits() {
        Path notes = workDir.resolve("notes.txt");
        model.when(ModelRequest::lastUserTextContains, "WRITE").reply(ModelReply.write("notes.txt", "from the fake model\n"));

        ClaudeCli.Run run = claude.run(model, home, workDir,
                List.of("-p", "--permission-mode", "acceptEdits", "please WRITE the notes"));

        assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
        assertThat(notes).hasContent("from the fake model");
        assertThat(model.messageRequests().get(1).toolResult()).hasValueSatisfying(
                result -> assertThat(result.isError()).isFalse());
        assertThat(run.stdout()).startsWith(ModelScript.DONE_PREFIX);
    }

    @Test
    void demoScriptRunsToolsThenRemembersThemInTheNextTurn() throws Exception {
        model.close();
        model = FakeModelServer.start(ModelScript.demo());
        Files.writeString(workDir.resolve("README.md"), "# Sample service\nIt greets people.\n");
        Files.writeString(workDir.resolve("greet.sh"), "echo hello\n");
        String sessionId = UUID.randomUUID().toString();

        ClaudeCli.Run first = claude.run(model, home, workDir,
                List.of("-p", "--allowedTools=Bash", "--session-id", sessionId, "What is in this repository?"));
        ClaudeCli.Run second = claude.run(model, home, workDir,
                List.of("-p", "--resume", sessionId, "What did you find earlier?"));

        assertThat(first.exitCode()).as("stderr: %s", first.stderr()).isZero();
        assertThat(first.stdout()).startsWith(ModelScript.DEMO_LABEL)
                .contains("README.md, greet.sh").contains("# Sample service");
        assertThat(second.exitCode()).as("stderr: %s", second.stderr()).isZero();
        assertThat(second.stdout()).startsWith(ModelScript.DEMO_LABEL)
                .contains("What did you find earlier?").contains("greet.sh").contains("# Sample service");
        assertThat(model.messageRequests()).hasSize(4);
    }

    @Test
    void nonRetriedErrorFailsTheTurnAtOnce() {
        model.script().next(ModelReply.error(500, "api_error", "scripted outage"));

        ClaudeCli.Run run = claude.run(model, home, workDir,
                List.of("-p", "--output-format", "stream-json", "--verbose", "hello"));

        JsonNode result = Loopback.parse(run.stdout().lines().reduce((first, second) -> second).orElseThrow());
        assertThat(result.path("is_error").asBoolean(false)).isTrue();
        assertThat(result.path("result").asText()).contains("scripted outage");
        assertThat(model.messageRequests()).hasSize(1);
    }
}
