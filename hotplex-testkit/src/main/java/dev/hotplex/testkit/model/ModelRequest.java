package dev.hotplex.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One HTTP request the {@link FakeModelServer} received, with helpers that read an Anthropic Messages request (or an
 * OpenAI Chat Completions or Gemini request, see {@link #isChatCompletions()} and {@link #isGemini()}) the way a test
 * thinks about it ("what did the user just say?", "which tool results came back?").
 *
 * <p>Claude Code's requests are noisy: {@code messages[]} holds {@code role:"system"} entries after the user turn,
 * and a user message starts with one or more {@code <system-reminder>} text parts before the real prompt. The text
 * helpers skip both, so {@link #lastUserText()} is exactly what was typed.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class ModelRequest {

    private static final Pattern SYSTEM_REMINDER =
            Pattern.compile("<system-reminder>.*?(</system-reminder>|\\z)", Pattern.DOTALL);
    private static final String GEMINI_MODELS = "/v1beta/models/";
    private static final String GEMINI_STREAM = ":streamGenerateContent";

    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final JsonNode body;

    ModelRequest(String method, String path, String query, Map<String, List<String>> headers, JsonNode body) {
        this.method = method;
        this.path = path;
        this.query = query == null ? "" : query;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body == null ? MissingNode.getInstance() : body;
    }

    /** The HTTP method, e.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** The path without the query string, e.g. {@code /v1/messages}. */
    public String path() {
        return path;
    }

    /** The raw query string without {@code ?}, e.g. {@code beta=true}; empty when there is none. */
    public String query() {
        return query;
    }

    /** All headers; names are case-insensitive. API keys are recorded as sent, so never print this map whole. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header (case-insensitive name), if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The parsed JSON body; a {@link MissingNode} when the body was empty or not JSON. */
    public JsonNode body() {
        return body;
    }

    /** Whether this is a Messages API call ({@code POST /v1/messages}, any query string). */
    public boolean isMessages() {
        return "POST".equals(method) && "/v1/messages".equals(path);
    }

    /** Whether this is an OpenAI Responses API call ({@code POST /v1/responses}), e.g. from Codex. */
    public boolean isResponses() {
        return "POST".equals(method) && "/v1/responses".equals(path);
    }

    /** Whether this is an OpenAI Chat Completions call ({@code POST /v1/chat/completions}), e.g. from OpenCode. */
    public boolean isChatCompletions() {
        return "POST".equals(method) && "/v1/chat/completions".equals(path);
    }

    /** Whether this is a Gemini API call ({@code POST /v1beta/models/<model>:streamGenerateContent|generateContent}). */
    public boolean isGemini() {
        return "POST".equals(method) && path.startsWith(GEMINI_MODELS)
                && (path.endsWith(GEMINI_STREAM) || path.endsWith(":generateContent"));
    }

    /** Whether this is OpenCode's title request: a Chat Completions call without tools, the first of a session. */
    public boolean isTitleRequest() {
        return isChatCompletions() && !body.has("tools");
    }

    /**
     * Whether the client asked for an SSE stream: the {@code stream} field (the Messages API default is
     * {@code false}), or for Gemini the {@code :streamGenerateContent} method.
     */
    public boolean isStreaming() {
        return isGemini() ? path.endsWith(GEMINI_STREAM) : body.path("stream").asBoolean(false);
    }

    /** The requested model id (for Gemini, from the path), or an empty string. */
    public String model() {
        if (isGemini()) {
            return path.substring(GEMINI_MODELS.length(), path.lastIndexOf(':'));
        }
        return body.path("model").asText("");
    }

    /**
     * What the user typed in the latest user message: its last text part that is not a system reminder. Empty when
     * the latest user message carries only tool results (see {@link #toolResult()}) or there is no user message.
     */
    public String lastUserText() {
        if (isResponses()) {
            return ResponsesInput.lastUserText(body);
        }
        if (isChatCompletions()) {
            return ChatCompletionsRequests.lastUserText(body);
        }
        if (isGemini()) {
            return GeminiRequests.lastUserText(body);
        }
        return lastUserMessage().map(ModelRequest::promptText).orElse("");
    }

    /** Whether {@link #lastUserText()} contains {@code text}; handy as {@code server.when(ModelRequest::lastUserTextContains, "RUNTOOL")}. */
    public boolean lastUserTextContains(String text) {
        return lastUserText().contains(text);
    }

    /** The typed prompt of every user message in the conversation, oldest first (tool-result-only messages skipped). */
    public List<String> userTexts() {
        if (isResponses()) {
            return ResponsesInput.userTexts(body);
        }
        if (isChatCompletions()) {
            return ChatCompletionsRequests.userTexts(body);
        }
        if (isGemini()) {
            return GeminiRequests.userTexts(body);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode message : messagesWithRole("user")) {
            String text = promptText(message);
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        return texts;
    }

    /** The tool result in the latest user message, if that message answers a tool call. */
    public Optional<ToolResult> toolResult() {
        if (isResponses()) {
            return ResponsesInput.toolResult(body);
        }
        List<ToolResult> results = isChatCompletions() ? ChatCompletionsRequests.latestToolResults(body)
                : isGemini() ? GeminiRequests.latestToolResults(body)
                : lastUserMessage().map(ModelRequest::toolResultsOf).orElse(List.of());
        return results.isEmpty() ? Optional.empty() : Optional.of(results.get(results.size() - 1));
    }

    /** Every tool result in the conversation, oldest first. */
    public List<ToolResult> toolResults() {
        if (isResponses()) {
            return ResponsesInput.toolResults(body);
        }
        if (isChatCompletions()) {
            return ChatCompletionsRequests.toolResults(body);
        }
        if (isGemini()) {
            return GeminiRequests.toolResults(body);
        }
        List<ToolResult> results = new ArrayList<>();
        for (JsonNode message : messagesWithRole("user")) {
            results.addAll(toolResultsOf(message));
        }
        return results;
    }

    /** The text of every assistant message in the conversation (earlier model answers), oldest first. */
    public List<String> assistantTexts() {
        if (isResponses()) {
            return ResponsesInput.assistantTexts(body);
        }
        if (isChatCompletions()) {
            return ChatCompletionsRequests.assistantTexts(body);
        }
        if (isGemini()) {
            return GeminiRequests.assistantTexts(body);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode message : messagesWithRole("assistant")) {
            String text = String.join("\n", textParts(message.path("content")));
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        return texts;
    }

    /** Whether {@code text} occurs anywhere in the body (prompts, system prompt, tool results, tool inputs). */
    public boolean contains(String text) {
        return containsInStrings(body, text);
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query);
    }

    private static boolean containsInStrings(JsonNode node, String text) {
        if (node.isTextual()) {
            return node.asText().contains(text);
        }
        for (JsonNode child : node) {
            if (containsInStrings(child, text)) {
                return true;
            }
        }
        return false;
    }

    private List<JsonNode> messagesWithRole(String role) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            if (role.equals(message.path("role").asText())) {
                matching.add(message);
            }
        }
        return matching;
    }

    private Optional<JsonNode> lastUserMessage() {
        List<JsonNode> users = messagesWithRole("user");
        return users.isEmpty() ? Optional.empty() : Optional.of(users.get(users.size() - 1));
    }

    private static String promptText(JsonNode message) {
        List<String> prompts = new ArrayList<>();
        for (String text : textParts(message.path("content"))) {
            String withoutReminders = SYSTEM_REMINDER.matcher(text).replaceAll("").strip();
            if (!withoutReminders.isEmpty()) {
                prompts.add(withoutReminders);
            }
        }
        return prompts.isEmpty() ? "" : prompts.get(prompts.size() - 1);
    }

    /** Text parts of a content value, which is either a plain string or an array of blocks. */
    static List<String> textParts(JsonNode content) {
        if (content.isTextual()) {
            return List.of(content.asText());
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) {
                texts.add(block.path("text").asText());
            }
        }
        return texts;
    }

    private static List<ToolResult> toolResultsOf(JsonNode message) {
        List<ToolResult> results = new ArrayList<>();
        for (JsonNode block : message.path("content")) {
            if ("tool_result".equals(block.path("type").asText())) {
                results.add(new ToolResult(block.path("tool_use_id").asText(""),
                        String.join("\n", textParts(block.path("content"))),
                        block.path("is_error").asBoolean(false)));
            }
        }
        return results;
    }
}
