package dev.hotplex.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Gemini API request body ({@code contents[]} with roles {@code user} and {@code model}, parts of
 * {@code text}, {@code functionCall} or {@code functionResponse}) for {@link ModelRequest}. The Gemini CLI starts the
 * first user content with a {@code <session_context>} part; the text helpers skip it.
 */
final class GeminiRequests {

    private static final String SESSION_CONTEXT = "<session_context>";

    private GeminiRequests() {
    }

    /** The last content's prompt text when it is a user content; empty when it only answers function calls. */
    static String lastUserText(JsonNode body) {
        JsonNode contents = body.path("contents");
        JsonNode last = contents.path(contents.size() - 1);
        return "user".equals(last.path("role").asText()) ? promptText(last) : "";
    }

    static List<String> userTexts(JsonNode body) {
        return texts(body, "user");
    }

    static List<String> assistantTexts(JsonNode body) {
        return texts(body, "model");
    }

    /** The function responses of the last content, if it is a user content answering function calls. */
    static List<ToolResult> latestToolResults(JsonNode body) {
        JsonNode contents = body.path("contents");
        JsonNode last = contents.path(contents.size() - 1);
        return "user".equals(last.path("role").asText()) ? toolResultsOf(last) : List.of();
    }

    static List<ToolResult> toolResults(JsonNode body) {
        List<ToolResult> results = new ArrayList<>();
        for (JsonNode content : body.path("contents")) {
            results.addAll(toolResultsOf(content));
        }
        return results;
    }

    /**
     * One {@code functionResponse} part: {@code response.output} as the content, or {@code response.error} marked as
     * an error, or the whole response as JSON when it has neither.
     */
    private static List<ToolResult> toolResultsOf(JsonNode content) {
        List<ToolResult> results = new ArrayList<>();
        for (JsonNode part : content.path("parts")) {
            JsonNode function = part.path("functionResponse");
            if (function.isObject()) {
                JsonNode response = function.path("response");
                boolean isError = response.has("error");
                JsonNode value = isError ? response.path("error") : response.path("output");
                String text = value.isTextual() ? value.asText() : value.isMissingNode() ? response.toString()
                        : value.toString();
                String id = function.path("id").asText(function.path("name").asText(""));
                results.add(new ToolResult(id, text, isError));
            }
        }
        return results;
    }

    private static List<String> texts(JsonNode body, String role) {
        List<String> texts = new ArrayList<>();
        for (JsonNode content : body.path("contents")) {
            String text = role.equals(content.path("role").asText()) ? promptText(content) : "";
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        return texts;
    }

    private static String promptText(JsonNode content) {
        String prompt = "";
        for (JsonNode part : content.path("parts")) {
            String text = part.path("text").asText("").strip();
            if (!text.isEmpty() && !text.startsWith(SESSION_CONTEXT)) {
                prompt = text;
            }
        }
        return prompt;
    }
}
