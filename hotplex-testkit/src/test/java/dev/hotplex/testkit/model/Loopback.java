package dev.hotplex.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test helper: talks to a {@link FakeModelServer} over loopback HTTP and parses its SSE answers. */
final class Loopback {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Generous bound so a broken server fails a test instead of hanging it. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** One SSE event: its name and parsed data. */
    record Event(String name, JsonNode data) {
    }

    private Loopback() {
    }

    static HttpResponse<String> post(FakeModelServer server, String pathAndQuery, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
                .timeout(TIMEOUT)
                .header("content-type", "application/json")
                .header("x-api-key", "fake")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A streaming Messages request with one user message whose content is the given JSON array or string. */
    static String userTurnJson(String contentJson) {
        return "{\"model\":\"claude-test\",\"stream\":true,\"max_tokens\":1000,"
                + "\"messages\":[{\"role\":\"user\",\"content\":" + contentJson + "}]}";
    }

    static String userTurn(String... texts) {
        var content = JSON.createArrayNode();
        for (String text : texts) {
            content.addObject().put("type", "text").put("text", text);
        }
        return userTurnJson(content.toString());
    }

    static List<Event> events(String sse) {
        List<Event> events = new ArrayList<>();
        for (String frame : sse.split("\n\n")) {
            if (frame.isBlank()) {
                continue;
            }
            String name = null;
            String data = null;
            for (String line : frame.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring("event: ".length());
                } else if (line.startsWith("data: ")) {
                    data = line.substring("data: ".length());
                }
            }
            events.add(new Event(name, parse(data)));
        }
        return events;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** Concatenates the deltas of content block {@code index} (text or tool-input JSON). */
    static String joinedDeltas(List<Event> events, int index) {
        StringBuilder joined = new StringBuilder();
        for (Event event : events) {
            JsonNode data = event.data();
            if ("content_block_delta".equals(event.name()) && data.path("index").asInt() == index) {
                JsonNode delta = data.path("delta");
                joined.append(delta.has("text") ? delta.path("text").asText() : delta.path("partial_json").asText());
            }
        }
        return joined.toString();
    }
}
