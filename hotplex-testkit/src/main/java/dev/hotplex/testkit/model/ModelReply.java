package dev.hotplex.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link FakeModelServer} answers to one request: assistant content (text and tool calls) or an HTTP error,
 * optionally after a delay. Immutable; the {@code with*} and {@code plus*} methods return modified copies.
 *
 * <pre>{@code
 * ModelReply.text("Hello");                                        // end_turn
 * ModelReply.text("Let me check.").plus(ModelReply.bash("ls", "List files"));  // text, then a tool call
 * ModelReply.write("notes.txt", "hi\n").withUsage(500, 40);
 * ModelReply.text("late").after(Duration.ofSeconds(2));           // answers after two seconds
 * ModelReply.error(500, "api_error", "scripted outage");         // fails a Claude Code turn with one request
 * }</pre>
 *
 * <p><b>Errors and Claude Code's retries</b> (measured with Claude Code 2.1.330): by default it retries 429, 5xx and
 * 529 with growing back-off for minutes ({@code CLAUDE_CODE_MAX_RETRIES} bounds the count). {@link #error(int, String,
 * String)} therefore sends {@code x-should-retry: false}, which Claude Code obeys for 429/5xx/529: one request, then the
 * turn fails with {@code "API Error: <status> <message>"}. A 400 is different: the CLI re-sends it up to five more
 * times at once with simplified request variants (about 0.3 s in all), so script a 400 with a permanent rule, not a
 * one-shot rule, or the second attempt gets the fallback answer. For "the model failed once" use a 500.
 */
public final class ModelReply {

    /** Input tokens reported when a reply does not set its own. */
    public static final int DEFAULT_INPUT_TOKENS = 100;
    /** Output tokens reported when a reply does not set its own. */
    public static final int DEFAULT_OUTPUT_TOKENS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One content block: text ({@code toolName == null}) or a tool call. */
    record Block(String text, String toolName, JsonNode toolInput) {
        boolean isToolUse() {
            return toolName != null;
        }
    }

    /** An HTTP error answer; {@code retry} decides the {@code x-should-retry} header. */
    record Failure(int status, String type, String message, boolean retry) {
    }

    private final List<Block> blocks;
    private final Failure failure;
    private final Duration delay;
    private final int inputTokens;
    private final int outputTokens;

    private ModelReply(List<Block> blocks, Failure failure, Duration delay, int inputTokens, int outputTokens) {
        this.blocks = List.copyOf(blocks);
        this.failure = failure;
        this.delay = delay;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
    }

    private static ModelReply of(Block block) {
        return new ModelReply(List.of(block), null, Duration.ZERO, DEFAULT_INPUT_TOKENS, DEFAULT_OUTPUT_TOKENS);
    }

    /** A text answer; the turn ends ({@code stop_reason: end_turn}). */
    public static ModelReply text(String text) {
        return of(new Block(Objects.requireNonNull(text, "text"), null, null));
    }

    /**
     * A call of tool {@code name} with {@code input} ({@code stop_reason: tool_use}); the client runs the tool and
     * sends its result in the next request. {@code input} is any Jackson-serialisable value, usually a map.
     */
    public static ModelReply toolUse(String name, Object input) {
        Objects.requireNonNull(name, "name");
        JsonNode node = JSON.valueToTree(Objects.requireNonNull(input, "input"));
        if (!node.isObject()) {
            throw new IllegalArgumentException("tool input must be a JSON object (e.g. a Map), got: " + node);
        }
        return of(new Block(null, name, node));
    }

    /** A call of Claude Code's {@code Bash} tool. */
    public static ModelReply bash(String command, String description) {
        return toolUse("Bash", Map.of("command", command, "description", description));
    }

    /** A call of Claude Code's {@code Write} tool; a relative path is resolved against the client's working directory. */
    public static ModelReply write(String filePath, String content) {
        return toolUse("Write", Map.of("file_path", filePath, "content", content));
    }

    /** A call of Claude Code's {@code Read} tool. */
    public static ModelReply read(String filePath) {
        return toolUse("Read", Map.of("file_path", filePath));
    }

    /** A call of Claude Code's {@code Edit} tool, replacing the one occurrence of {@code oldString}. */
    public static ModelReply edit(String filePath, String oldString, String newString) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("file_path", filePath);
        input.put("old_string", oldString);
        input.put("new_string", newString);
        return toolUse("Edit", input);
    }

    /**
     * An HTTP error with an Anthropic-style body {@code {"type":"error","error":{"type":..,"message":..}}}. It is sent
     * with {@code x-should-retry: false}, so Claude Code gives up on a 5xx/429 at once instead of retrying for minutes.
     *
     * @param status HTTP status, 400 to 599 (Anthropic uses 529 for "overloaded")
     * @param type   the error type, e.g. {@code invalid_request_error}, {@code api_error}, {@code overloaded_error}
     */
    public static ModelReply error(int status, String type, String message) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error reply needs an HTTP status from 400 to 599, got " + status);
        }
        Failure failure = new Failure(status, Objects.requireNonNull(type, "type"),
                Objects.requireNonNull(message, "message"), false);
        return new ModelReply(List.of(), failure, Duration.ZERO, DEFAULT_INPUT_TOKENS, DEFAULT_OUTPUT_TOKENS);
    }

    /**
     * HTTP 400 {@code invalid_request_error}. Claude Code re-sends a rejected request up to five times with simplified
     * variants, so give this to a permanent rule if the turn is meant to fail (see the class comment).
     */
    public static ModelReply invalidRequest(String message) {
        return error(400, "invalid_request_error", message);
    }

    /** HTTP 529 {@code overloaded_error}, as the real API answers under load. */
    public static ModelReply overloaded() {
        return error(529, "overloaded_error", "Overloaded");
    }

    /**
     * This error reply without {@code x-should-retry: false}, so the client applies its normal retry policy
     * (for Claude Code: several attempts with back-off on 429/5xx; set {@code CLAUDE_CODE_MAX_RETRIES} to bound it).
     */
    public ModelReply retryable() {
        if (failure == null) {
            throw new IllegalStateException("retryable() applies to error replies only");
        }
        Failure retrying = new Failure(failure.status(), failure.type(), failure.message(), true);
        return new ModelReply(blocks, retrying, delay, inputTokens, outputTokens);
    }

    /** This reply followed by the content of {@code next} (e.g. text, then a tool call). */
    public ModelReply plus(ModelReply next) {
        if (failure != null || next.failure != null) {
            throw new IllegalStateException("an error reply cannot be combined with content");
        }
        List<Block> combined = new ArrayList<>(blocks);
        combined.addAll(next.blocks);
        return new ModelReply(combined, null, delay, inputTokens, outputTokens);
    }

    /**
     * This reply sent only after {@code delay}. The wait holds no thread, so many delayed replies can be pending at
     * once. Closing the server ends every wait at once with a non-retried 503; a client that hangs up meanwhile is
     * noticed when the reply is written (it then costs nothing more).
     */
    public ModelReply after(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return new ModelReply(blocks, failure, delay, inputTokens, outputTokens);
    }

    /** This reply reporting the given token usage (defaults: {@value #DEFAULT_INPUT_TOKENS} in, {@value #DEFAULT_OUTPUT_TOKENS} out). */
    public ModelReply withUsage(int inputTokens, int outputTokens) {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        return new ModelReply(blocks, failure, delay, inputTokens, outputTokens);
    }

    /** Whether this reply calls a tool, so the turn stops with {@code stop_reason: tool_use}. */
    public boolean callsTool() {
        return blocks.stream().anyMatch(Block::isToolUse);
    }

    /** The text of all text blocks, joined; empty for a tool call or error. */
    public String text() {
        StringBuilder text = new StringBuilder();
        blocks.stream().filter(block -> !block.isToolUse()).forEach(block -> text.append(block.text()));
        return text.toString();
    }

    List<Block> blocks() {
        return blocks;
    }

    Failure failure() {
        return failure;
    }

    Duration delay() {
        return delay;
    }

    int inputTokens() {
        return inputTokens;
    }

    int outputTokens() {
        return outputTokens;
    }

    @Override
    public String toString() {
        if (failure != null) {
            return "ModelReply[HTTP " + failure.status() + " " + failure.type() + "]";
        }
        return "ModelReply" + blocks;
    }
}
