package dev.hotplex.testkit.model;

import static dev.hotplex.testkit.model.Loopback.parse;
import static dev.hotplex.testkit.model.Loopback.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAI Chat Completions and Gemini dialects of the fake model, as OpenCode and the Gemini CLI use them. */
class OtherDialectsTest {

    private static final String CHAT = "/v1/chat/completions";
    private static final String GEMINI = "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";

    private final FakeModelServer server = FakeModelServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    /** The JSON of every {@code data:} line but {@code [DONE]}. */
    private static List<JsonNode> dataLines(String sse) {
        List<JsonNode> data = new ArrayList<>();
        for (String line : sse.split("\r?\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                data.add(parse(line.substring("data: ".length())));
            }
        }
        return data;
    }

    private static String chatBody(boolean withTools, String... messages) {
        StringBuilder body = new StringBuilder("{\"model\":\"m\",\"stream\":true,\"messages\":[");
        body.append(String.join(",", messages)).append(']');
        if (withTools) {
            body.append(",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"bash\"}}]");
        }
        return body.append('}').toString();
    }

    @Test
    void chatCompletionStreamsTextDeltasUsageAndDone() {
        HttpResponse<String> response = post(server, CHAT, chatBody(true,
                "{\"role\":\"system\",\"content\":\"be brief\"}", "{\"role\":\"user\",\"content\":\"hello there\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        List<JsonNode> chunks = dataLines(response.body());
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(chunk.path("choices").path(0).path("delta").path("content").asText("")));
        assertThat(text.toString()).isEqualTo("ECHO: hello there");
        assertThat(chunks).anySatisfy(chunk ->
                assertThat(chunk.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop"));
        assertThat(chunks.get(chunks.size() - 1).path("usage").path("prompt_tokens").asInt())
                .isEqualTo(ModelReply.DEFAULT_INPUT_TOKENS);
        assertThat(server.requests().get(0).lastUserText()).isEqualTo("hello there");
    }

    @Test
    void chatToolCallAndItsResultDriveTheDoneFallback() {
        server.when(ModelRequest::lastUserTextContains, "RUNTOOL")
                .reply(ModelReply.toolUse("bash", Map.of("command", "echo hi")));

        List<JsonNode> chunks = dataLines(post(server, CHAT,
                chatBody(true, "{\"role\":\"user\",\"content\":\"RUNTOOL\"}")).body());
        JsonNode call = chunks.stream().map(c -> c.path("choices").path(0).path("delta").path("tool_calls").path(0))
                .filter(JsonNode::isObject).findFirst().orElseThrow();
        assertThat(call.path("function").path("name").asText()).isEqualTo("bash");
        assertThat(parse(call.path("function").path("arguments").asText()).path("command").asText())
                .isEqualTo("echo hi");
        assertThat(chunks).anySatisfy(chunk ->
                assertThat(chunk.path("choices").path(0).path("finish_reason").asText()).isEqualTo("tool_calls"));

        String followUp = chatBody(true, "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"RUNTOOL\"}]}",
                "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"" + call.path("id").asText()
                        + "\",\"type\":\"function\",\"function\":{\"name\":\"bash\",\"arguments\":\"{}\"}}]}",
                "{\"role\":\"tool\",\"tool_call_id\":\"" + call.path("id").asText() + "\",\"content\":\"hi\"}");
        String text = dataLines(post(server, CHAT, followUp).body()).stream()
                .map(c -> c.path("choices").path(0).path("delta").path("content").asText(""))
                .reduce("", String::concat);

        assertThat(text).isEqualTo("DONE: tool finished (hi)");
        ModelRequest recorded = server.requests().get(1);
        assertThat(recorded.lastUserText()).isEmpty();
        assertThat(recorded.userTexts()).containsExactly("RUNTOOL");
        assertThat(recorded.toolResult()).hasValueSatisfying(result -> {
            assertThat(result.toolUseId()).isEqualTo(call.path("id").asText());
            assertThat(result.content()).isEqualTo("hi");
        });
    }

    @Test
    void titleRequestWithoutToolsIsAnsweredWithATitleAndUsesNoRule() {
        server.when(ModelRequest::lastUserTextContains, "RUNTOOL").once().reply(ModelReply.text("scripted"));

        String title = dataLines(post(server, CHAT, chatBody(false, "{\"role\":\"user\",\"content\":\"RUNTOOL\"}"))
                .body()).stream().map(c -> c.path("choices").path(0).path("delta").path("content").asText(""))
                .reduce("", String::concat);
        String answer = dataLines(post(server, CHAT, chatBody(true, "{\"role\":\"user\",\"content\":\"RUNTOOL\"}"))
                .body()).stream().map(c -> c.path("choices").path(0).path("delta").path("content").asText(""))
                .reduce("", String::concat);

        assertThat(title).isEqualTo(ChatCompletionsWire.TITLE);
        assertThat(answer).isEqualTo("scripted");
        assertThat(server.requests().get(0).isTitleRequest()).isTrue();
    }

    @Test
    void geminiStreamCarriesTextFunctionCallsAndUsage() {
        server.when(ModelRequest::lastUserTextContains, "RUNTOOL").once().reply(ModelReply.text("On it.")
                .plus(ModelReply.toolUse("run_shell_command", Map.of("command", "echo hi"))).withUsage(7, 3));
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"<session_context>\\nsetup\\n"
                + "</session_context>\"},{\"text\":\"please RUNTOOL\"}]}]}";

        HttpResponse<String> response = post(server, GEMINI, body);

        List<JsonNode> chunks = dataLines(response.body());
        List<JsonNode> parts = new ArrayList<>();
        chunks.forEach(chunk -> chunk.path("candidates").path(0).path("content").path("parts").forEach(parts::add));
        assertThat(parts).anySatisfy(part -> assertThat(part.path("text").asText()).isEqualTo("On it."));
        assertThat(parts).anySatisfy(part -> {
            assertThat(part.path("functionCall").path("name").asText()).isEqualTo("run_shell_command");
            assertThat(part.path("functionCall").path("args").path("command").asText()).isEqualTo("echo hi");
        });
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.path("candidates").path(0).path("finishReason").asText()).isEqualTo("STOP");
        assertThat(last.path("usageMetadata").path("promptTokenCount").asInt()).isEqualTo(7);
        ModelRequest recorded = server.requests().get(0);
        assertThat(recorded.isGemini()).isTrue();
        assertThat(recorded.model()).isEqualTo("gemini-2.5-flash");
        assertThat(recorded.lastUserText()).isEqualTo("please RUNTOOL");
    }

    @Test
    void geminiFunctionResponseIsTheToolResult() {
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"please RUNTOOL\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"run_shell_command\",\"args\":{}}}]},"
                + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"id\":\"c1\",\"name\":\"run_shell_command\","
                + "\"response\":{\"error\":\"canceled by the user\"}}}]}]}";

        JsonNode answer = parse(post(server, "/v1beta/models/m:generateContent", body).body());

        assertThat(answer.path("candidates").path(0).path("content").path("parts").path(0).path("text").asText())
                .isEqualTo("DONE: tool finished (canceled by the user)");
        ModelRequest recorded = server.requests().get(0);
        assertThat(recorded.lastUserText()).isEmpty();
        assertThat(recorded.toolResult()).hasValueSatisfying(result -> {
            assertThat(result.toolUseId()).isEqualTo("c1");
            assertThat(result.isError()).isTrue();
        });
    }

    @Test
    void scriptedFailureUsesTheDialectsErrorBody() {
        server.script().next(ModelReply.error(500, "api_error", "scripted outage"));

        HttpResponse<String> response = post(server, CHAT, chatBody(true, "{\"role\":\"user\",\"content\":\"x\"}"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(parse(response.body()).path("error").path("message").asText()).isEqualTo("scripted outage");
    }
}
