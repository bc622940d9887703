package dev.hotplex.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading Claude Code's noisy Messages requests, and building replies. */
class ModelRequestTest {

    @Test
    void recordedClaudeCodeRequestYieldsTheTypedPrompt() throws IOException {
        ModelRequest request;
        try (InputStream in = getClass().getResourceAsStream("claude_code_request.json")) {
            request = new ModelRequest("POST", "/v1/messages", "beta=true", Map.of(), Loopback.JSON.readTree(in));
        }

        assertThat(request.isMessages()).isTrue();
        assertThat(request.isStreaming()).isTrue();
        assertThat(request.model()).isEqualTo("claude-opus-5-5");
        assertThat(request.lastUserText()).isEqualTo("please RUNTOOL now");
        assertThat(request.lastUserTextContains("RUNTOOL")).isTrue();
        assertThat(request.userTexts()).containsExactly("please RUNTOOL now");
        assertThat(request.toolResult()).isEmpty();
        assertThat(request.contains("Primary working directory")).isTrue();
    }

    @Test
    void reminderInsideTheSameTextPartIsStripped() {
        ModelRequest request = request("{\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"<system-reminder>\\nctx\\n</system-reminder>\\nthe real prompt\"}]}");

        assertThat(request.lastUserText()).isEqualTo("the real prompt");
    }

    @Test
    void structuredErrorToolResultIsJoinedAndFlagged() {
        ModelRequest request = request("{\"messages\":[{\"role\":\"user\",\"content\":\"go\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_9\",\"is_error\":true,"
                + "\"content\":[{\"type\":\"text\",\"text\":\"Exit code 1\"},{\"type\":\"text\",\"text\":\"boom\"}]}]}]}");

        assertThat(request.toolResult()).contains(new ToolResult("toolu_9", "Exit code 1\nboom", true));
        assertThat(request.toolResults()).hasSize(1);
        assertThat(request.userTexts()).containsExactly("go");
    }

    @Test
    void emptyOrNonJsonBodyHasNoUserText() {
        ModelRequest request = new ModelRequest("GET", "/v1/models", null, Map.of("X-Thing", List.of("a")), null);

        assertThat(request.lastUserText()).isEmpty();
        assertThat(request.isMessages()).isFalse();
        assertThat(request.query()).isEmpty();
        assertThat(request.header("x-thing")).hasValue("a");
    }

    @Test
    void invalidRepliesAreRejectedWithAReason() {
        assertThatThrownBy(() -> ModelReply.error(200, "api_error", "x")).hasMessageContaining("400 to 599");
        assertThatThrownBy(() -> ModelReply.toolUse("Bash", List.of("ls"))).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> ModelReply.text("a").retryable()).hasMessageContaining("error replies only");
        assertThatThrownBy(() -> ModelReply.overloaded().plus(ModelReply.text("a"))).hasMessageContaining("cannot be combined");
        assertThatThrownBy(() -> new ModelScript().when(r -> true).times(0)).hasMessageContaining("at least once");
    }

    private static ModelRequest request(String json) {
        return new ModelRequest("POST", "/v1/messages", "", Map.of(), Loopback.parse(json));
    }
}
