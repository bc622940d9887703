package dev.hotplex.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAI Responses dialect ({@code POST /v1/responses}) of the fake model server, as Codex uses it. */
class ResponsesDialectTest {
    private final FakeModelServer server = FakeModelServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    /** A Codex-shaped request: developer instructions, an environment context message, then the items given. */
    private static String codexRequest(String itemsJson) {
        return "{\"model\":\"fake-model\",\"stream\":true,\"input\":["
                + "{\"type\":\"message\",\"role\":\"developer\",\"content\":[{\"type\":\"input_text\",\"text\":\"You are Codex\"}]},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":"
                + "\"<environment_context>\\n  <cwd>/w</cwd>\\n</environment_context>\"}]},"
                + itemsJson + "]}";
    }

    private static String user(String text) {
        return "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"" + text + "\"}]}";
    }

    @Test
    void textAnswerStreamsTheEventsCodexReadsInOrder() {
        HttpResponse<String> response = Loopback.post(server, "/v1/responses", codexRequest(user("hello")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<Loopback.Event> events = Loopback.events(response.body());
        assertThat(events).extracting(Loopback.Event::name).containsExactly("response.created",
                "response.output_item.added", "response.output_text.delta", "response.output_item.done",
                "response.completed");
        assertThat(events).allSatisfy(event -> assertThat(event.data().path("type").asText()).isEqualTo(event.name()));
        assertThat(events.get(3).data().path("item").path("content").path(0).path("text").asText())
                .isEqualTo("ECHO: hello");
        JsonNode usage = events.get(4).data().path("response").path("usage");
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(ModelReply.DEFAULT_INPUT_TOKENS);
        assertThat(usage.path("output_tokens").asInt()).isEqualTo(ModelReply.DEFAULT_OUTPUT_TOKENS);
    }

    @Test
    void toolUseBecomesAFunctionCallWithJsonArguments() {
        server.when(ModelRequest::lastUserTextContains, "RUNTOOL").once()
                .reply(ModelReply.toolUse("exec_command", Map.of("cmd", "ls")));

        List<Loopback.Event> events = Loopback.events(
                Loopback.post(server, "/v1/responses", codexRequest(user("RUNTOOL"))).body());

        JsonNode item = events.stream().filter(e -> e.name().equals("response.output_item.done")).findFirst()
                .orElseThrow().data().path("item");
        assertThat(item.path("type").asText()).isEqualTo("function_call");
        assertThat(item.path("name").asText()).isEqualTo("exec_command");
        assertThat(item.path("call_id").asText()).startsWith("call_");
        assertThat(Loopback.parse(item.path("arguments").asText()).path("cmd").asText()).isEqualTo("ls");
    }

    @Test
    void requestHelpersSkipCodexContextAndFindToolOutputs() {
        String followUp = codexRequest(user("first question") + ","
                + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"ok\"}]},"
                + user("RUNTOOL now") + ","
                + "{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"exec_command\",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"file.txt\"}");

        HttpResponse<String> response = Loopback.post(server, "/v1/responses", followUp);

        ModelRequest request = server.requests().get(0);
        assertThat(request.isResponses()).isTrue();
        assertThat(request.userTexts()).containsExactly("first question", "RUNTOOL now");
        assertThat(request.lastUserText()).isEmpty();
        assertThat(request.toolResult()).hasValue(new ToolResult("call_1", "file.txt", false));
        assertThat(request.assistantTexts()).containsExactly("ok");
        String text = Loopback.events(response.body()).stream()
                .filter(e -> e.name().equals("response.output_text.delta"))
                .map(e -> e.data().path("delta").asText()).collect(Collectors.joining());
        assertThat(text).isEqualTo(ModelScript.DONE_PREFIX + "file.txt)");
    }

    @Test
    void scriptedErrorIsAnOpenAiErrorBody() {
        server.when(ModelRequest::lastUserTextContains, "FAIL").reply(ModelReply.error(500, "server_error", "scripted"));

        HttpResponse<String> response = Loopback.post(server, "/v1/responses", codexRequest(user("FAIL")));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(Loopback.parse(response.body()).path("error").path("message").asText()).isEqualTo("scripted");
    }
}
