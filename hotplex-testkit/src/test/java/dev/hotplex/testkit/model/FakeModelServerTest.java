package dev.hotplex.testkit.model;

import static dev.hotplex.testkit.model.Loopback.events;
import static dev.hotplex.testkit.model.Loopback.joinedDeltas;
import static dev.hotplex.testkit.model.Loopback.parse;
import static dev.hotplex.testkit.model.Loopback.post;
import static dev.hotplex.testkit.model.Loopback.userTurn;
import static dev.hotplex.testkit.model.Loopback.userTurnJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeModelServerTest {

    private final FakeModelServer server = FakeModelServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void textReplyStreamsEventsInApiOrder() {
        String longText = "A reply long enough to need several deltas, with an emoji 🎉 near a split point.";
        server.when(ModelRequest::lastUserTextContains, "long").reply(ModelReply.text(longText));

        HttpResponse<String> response = post(server, "/v1/messages?beta=true", userTurn("say something long"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<Loopback.Event> events = events(response.body());
        assertThat(events.stream().map(Loopback.Event::name).distinct().toList()).containsExactly(
                "message_start", "ping", "content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(events).allSatisfy(event -> assertThat(event.data().path("type").asText()).isEqualTo(event.name()));
        assertThat(events.stream().filter(e -> e.name().equals("content_block_delta")).count()).isGreaterThan(1);

        JsonNode message = events.get(0).data().path("message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("model").asText()).isEqualTo("claude-test");
        assertThat(message.path("id").asText()).startsWith("msg_");
        assertThat(message.path("usage").path("input_tokens").asInt()).isEqualTo(ModelReply.DEFAULT_INPUT_TOKENS);
        assertThat(events.get(2).data().path("content_block").path("type").asText()).isEqualTo("text");
        assertThat(joinedDeltas(events, 0)).isEqualTo(longText);
        JsonNode messageDelta = events.get(events.size() - 2).data();
        assertThat(messageDelta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(messageDelta.path("usage").path("output_tokens").asInt()).isEqualTo(ModelReply.DEFAULT_OUTPUT_TOKENS);
    }

    @Test
    void toolUseReplyStreamsInputAsJsonDeltas() {
        server.when(ModelRequest::lastUserTextContains, "RUNTOOL")
                .reply(ModelReply.text("Running it.").plus(ModelReply.bash("echo hi > out.txt", "Write out.txt")));

        List<Loopback.Event> events = events(post(server, "/v1/messages", userTurn("please RUNTOOL")).body());

        JsonNode toolStart = events.stream()
                .filter(e -> e.name().equals("content_block_start") && e.data().path("index").asInt() == 1)
                .findFirst().orElseThrow().data().path("content_block");
        assertThat(toolStart.path("type").asText()).isEqualTo("tool_use");
        assertThat(toolStart.path("name").asText()).isEqualTo("Bash");
        assertThat(toolStart.path("id").asText()).startsWith("toolu_");
        assertThat(toolStart.path("input").isEmpty()).isTrue();
        assertThat(joinedDeltas(events, 0)).isEqualTo("Running it.");
        assertThat(parse(joinedDeltas(events, 1))).isEqualTo(Loopback.JSON.valueToTree(
                Map.of("command", "echo hi > out.txt", "description", "Write out.txt")));
        assertThat(events).filteredOn(e -> e.name().equals("content_block_delta") && e.data().path("index").asInt() == 1)
                .allSatisfy(e -> assertThat(e.data().path("delta").path("type").asText()).isEqualTo("input_json_delta"));
        assertThat(events.get(events.size() - 2).data().path("delta").path("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void nonStreamingRequestGetsOneJsonMessageWithScriptedUsage() {
        server.script().next(ModelReply.text("Reading.").plus(ModelReply.read("README.md")).withUsage(7, 3));

        HttpResponse<String> response = post(server, "/v1/messages",
                userTurnJson("\"plain string content\"").replace("\"stream\":true", "\"stream\":false"));

        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode message = parse(response.body());
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("Reading.");
        assertThat(message.path("content").get(1).path("name").asText()).isEqualTo("Read");
        assertThat(message.path("content").get(1).path("input").path("file_path").asText()).isEqualTo("README.md");
        assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.path("usage").path("input_tokens").asInt()).isEqualTo(7);
        assertThat(message.path("usage").path("output_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void echoSkipsSystemEntriesAndReminders() throws IOException {
        String recordedClaudeRequest;
        try (InputStream in = getClass().getResourceAsStream("claude_code_request.json")) {
            recordedClaudeRequest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        List<Loopback.Event> events = events(post(server, "/v1/messages?beta=true", recordedClaudeRequest).body());

        assertThat(joinedDeltas(events, 0)).isEqualTo("ECHO: please RUNTOOL now");
    }

    @Test
    void toolResultFollowUpIsAnsweredDone() {
        String followUp = "{\"stream\":true,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"please RUNTOOL\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Bash\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"hi there\"},"
                + "{\"type\":\"text\",\"text\":\"<system-reminder>noise</system-reminder>\"}]}]}";

        List<Loopback.Event> events = events(post(server, "/v1/messages", followUp).body());

        assertThat(joinedDeltas(events, 0)).isEqualTo("DONE: tool finished (hi there)");
        ModelRequest recorded = server.requests().get(0);
        assertThat(recorded.toolResult()).contains(new ToolResult("toolu_1", "hi there", false));
        assertThat(recorded.lastUserText()).isEmpty();
        assertThat(recorded.userTexts()).containsExactly("please RUNTOOL");
    }

    @Test
    void errorReplyHasAnthropicBodyAndDisablesClientRetries() {
        server.when(ModelRequest::lastUserTextContains, "bad").reply(ModelReply.invalidRequest("scripted failure"));
        server.when(ModelRequest::lastUserTextContains, "busy").reply(ModelReply.overloaded().retryable());

        HttpResponse<String> bad = post(server, "/v1/messages", userTurn("bad"));
        HttpResponse<String> busy = post(server, "/v1/messages", userTurn("busy"));

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("x-should-retry")).hasValue("false");
        JsonNode body = parse(bad.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.path("error").path("message").asText()).isEqualTo("scripted failure");
        assertThat(busy.statusCode()).isEqualTo(529);
        assertThat(busy.headers().firstValue("x-should-retry")).isEmpty();
        assertThat(parse(busy.body()).path("error").path("type").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void delayedReplyArrivesOnlyAfterItsDelay() {
        Duration delay = Duration.ofMillis(300);
        server.script().next(ModelReply.text("late").after(delay));

        long started = System.nanoTime();
        HttpResponse<String> response = post(server, "/v1/messages", userTurn("hi"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(delay);
        assertThat(joinedDeltas(events(response.body()), 0)).isEqualTo("late");
    }

    @Test
    void oneShotRuleAnswersOnceThenPermanentRuleAndFallbackTakeOver() {
        server.when(ModelRequest::lastUserTextContains, "go").once().reply(ModelReply.text("first"))
                .when(ModelRequest::lastUserTextContains, "go").reply(ModelReply.text("always"));

        List<String> answers = List.of("go", "go", "go", "other").stream()
                .map(text -> joinedDeltas(events(post(server, "/v1/messages", userTurn(text)).body()), 0))
                .toList();

        assertThat(answers).containsExactly("first", "always", "always", "ECHO: other");
    }

    @Test
    void recordsEveryRequestWithQueryHeadersAndBody() {
        post(server, "/v1/messages?beta=true", userTurn("<system-reminder>ctx</system-reminder>", "turn one"));
        post(server, "/v1/messages/count_tokens", userTurn("count me"));

        List<ModelRequest> requests = server.awaitRequests(2, Loopback.TIMEOUT);

        ModelRequest first = requests.get(0);
        assertThat(first.isMessages()).isTrue();
        assertThat(first.query()).isEqualTo("beta=true");
        assertThat(first.header("X-API-KEY")).hasValue("fake");
        assertThat(first.body().path("max_tokens").asInt()).isEqualTo(1000);
        assertThat(first.lastUserText()).isEqualTo("turn one");
        assertThat(first.contains("ctx")).isTrue();
        assertThat(first.contains("never sent")).isFalse();
        assertThat(requests.get(1).path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(server.messageRequests()).containsExactly(first);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void countTokensAndUnknownPathsAreAnsweredAtOnce() {
        HttpResponse<String> count = post(server, "/v1/messages/count_tokens", userTurn("count me"));
        HttpResponse<String> unknown = post(server, "/v1/unknown", "{}");

        assertThat(count.statusCode()).isEqualTo(200);
        assertThat(parse(count.body()).path("input_tokens").asInt()).isPositive();
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(parse(unknown.body()).path("error").path("type").asText()).isEqualTo("not_found_error");
    }

    @Test
    void malformedMessagesBodyIsRejectedWithClearError() {
        HttpResponse<String> response = post(server, "/v1/messages", "{not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(parse(response.body()).path("error").path("message").asText()).contains("JSON object");
    }

    @Test
    void awaitRequestsNamesWhatArrivedWhenTooFewCame() {
        post(server, "/v1/messages", userTurn("only one"));

        assertThatThrownBy(() -> server.awaitRequests(2, Duration.ofMillis(50)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expected 2 requests")
                .hasMessageContaining("POST /v1/messages");
    }

    @Test
    void brokenRuleFailsTheRequestInsteadOfHanging() {
        server.when(request -> true).replyWith(request -> {
            throw new IllegalStateException("rule bug");
        });

        HttpResponse<String> response = post(server, "/v1/messages", userTurn("hi"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("x-should-retry")).hasValue("false");
        assertThat(response.body()).contains("rule bug");
    }
}
