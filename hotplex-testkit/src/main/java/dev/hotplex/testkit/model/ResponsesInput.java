package dev.hotplex.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code input} items of an OpenAI Responses API request ({@code POST /v1/responses}) the way
 * {@link ModelRequest} reads an Anthropic one: typed prompts, tool results and earlier answers.
 *
 * <p>Codex sends harness context as user messages too ({@code <environment_context>...</environment_context>},
 * {@code # AGENTS.md instructions for ...}); those are skipped, so a prompt is exactly what was typed. A tool result
 * is a {@code function_call_output} item; the Responses API has no error flag for it, so {@link ToolResult#isError()}
 * is always false here (a refused Codex call reads {@code exec_command failed: ... rejected by user}).
 */
final class ResponsesInput {

    /** A text that is one whole {@code <tag>...</tag>} block is context the harness added, not a prompt. */
    private static final Pattern CONTEXT_BLOCK = Pattern.compile("\\A\\s*<([A-Za-z_]+)[^>]*>.*</\\1>\\s*\\z",
            Pattern.DOTALL);
    private static final String AGENTS_MD_PREFIX = "# AGENTS.md instructions";

    private ResponsesInput() {
    }

    /** The typed prompt of the latest user message, or empty when a tool result or model output came after it. */
    static String lastUserText(JsonNode body) {
        List<JsonNode> items = items(body);
        for (int i = items.size() - 1; i >= 0; i--) {
            JsonNode item = items.get(i);
            if (!isMessage(item, "user")) {
                return "";
            }
            String prompt = promptText(item);
            if (!prompt.isEmpty()) {
                return prompt;
            }
        }
        return "";
    }

    /** Every typed prompt, oldest first. */
    static List<String> userTexts(JsonNode body) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : items(body)) {
            String prompt = isMessage(item, "user") ? promptText(item) : "";
            if (!prompt.isEmpty()) {
                texts.add(prompt);
            }
        }
        return texts;
    }

    /** The last tool result sent after the latest user message, if any. */
    static Optional<ToolResult> toolResult(JsonNode body) {
        List<JsonNode> items = items(body);
        for (int i = items.size() - 1; i >= 0; i--) {
            JsonNode item = items.get(i);
            if (isToolOutput(item)) {
                return Optional.of(toolResultOf(item));
            }
            if (isMessage(item, "user")) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Every tool result, oldest first. */
    static List<ToolResult> toolResults(JsonNode body) {
        List<ToolResult> results = new ArrayList<>();
        for (JsonNode item : items(body)) {
            if (isToolOutput(item)) {
                results.add(toolResultOf(item));
            }
        }
        return results;
    }

    /** The text of every assistant message, oldest first. */
    static List<String> assistantTexts(JsonNode body) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : items(body)) {
            String text = isMessage(item, "assistant") ? String.join("\n", textParts(item.path("content"))) : "";
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        return texts;
    }

    /** {@code input} is a list of items, or a plain string that stands for one user message. */
    private static List<JsonNode> items(JsonNode body) {
        JsonNode input = body.path("input");
        List<JsonNode> items = new ArrayList<>();
        if (input.isTextual()) {
            items.add(JsonNodeFactory.instance.objectNode().put("type", "message").put("role", "user").put("content", input.asText()));
        } else {
            input.forEach(items::add);
        }
        return items;
    }

    private static boolean isMessage(JsonNode item, String role) {
        return (item.path("type").isMissingNode() || "message".equals(item.path("type").asText()))
                && role.equals(item.path("role").asText());
    }

    private static boolean isToolOutput(JsonNode item) {
        return "function_call_output".equals(item.path("type").asText());
    }

    private static ToolResult toolResultOf(JsonNode item) {
        JsonNode output = item.path("output");
        String content = output.isTextual() ? output.asText() : String.join("\n", textParts(output));
        return new ToolResult(item.path("call_id").asText(""), content, false);
    }

    private static String promptText(JsonNode message) {
        String prompt = "";
        for (String text : textParts(message.path("content"))) {
            if (!CONTEXT_BLOCK.matcher(text).matches() && !text.startsWith(AGENTS_MD_PREFIX)
                    && !text.isBlank()) {
                prompt = text.strip();
            }
        }
        return prompt;
    }

    /** Text of {@code input_text}, {@code output_text} and {@code text} parts, or a plain string. */
    private static List<String> textParts(JsonNode content) {
        if (content.isTextual()) {
            return List.of(content.asText());
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode part : content) {
            String type = part.path("type").asText();
            if ("input_text".equals(type) || "output_text".equals(type) || "text".equals(type)) {
                texts.add(part.path("text").asText());
            }
        }
        return texts;
    }
}
