package dev.hotplex.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OpenAI Chat Completions request body ({@code messages[]} with roles {@code system}, {@code user},
 * {@code assistant} and {@code tool}) for {@link ModelRequest}. Tool results are {@code role:"tool"} messages; the
 * dialect has no error flag for them, so they are never marked as errors.
 */
final class ChatCompletionsRequests {

    private ChatCompletionsRequests() {
    }

    /** The last message's text when it is a user message; empty after a tool result or assistant message. */
    static String lastUserText(JsonNode body) {
        JsonNode last = lastMessage(body);
        return "user".equals(last.path("role").asText()) ? lastText(last) : "";
    }

    static List<String> userTexts(JsonNode body) {
        return texts(body, "user");
    }

    static List<String> assistantTexts(JsonNode body) {
        return texts(body, "assistant");
    }

    /** The tool results after the last assistant message (the ones this request answers). */
    static List<ToolResult> latestToolResults(JsonNode body) {
        List<ToolResult> latest = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            if ("assistant".equals(message.path("role").asText())) {
                latest.clear();
            } else if ("tool".equals(message.path("role").asText())) {
                latest.add(toolResult(message));
            }
        }
        return latest;
    }

    static List<ToolResult> toolResults(JsonNode body) {
        List<ToolResult> results = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            if ("tool".equals(message.path("role").asText())) {
                results.add(toolResult(message));
            }
        }
        return results;
    }

    private static ToolResult toolResult(JsonNode message) {
        return new ToolResult(message.path("tool_call_id").asText(""),
                String.join("\n", ModelRequest.textParts(message.path("content"))), false);
    }

    private static List<String> texts(JsonNode body, String role) {
        List<String> texts = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            String text = role.equals(message.path("role").asText()) ? lastText(message) : "";
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        return texts;
    }

    private static String lastText(JsonNode message) {
        List<String> parts = ModelRequest.textParts(message.path("content"));
        return parts.isEmpty() ? "" : parts.get(parts.size() - 1).strip();
    }

    private static JsonNode lastMessage(JsonNode body) {
        JsonNode messages = body.path("messages");
        return messages.path(messages.size() - 1);
    }
}
