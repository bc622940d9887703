package dev.hotplex.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a {@link ModelReply} in the Anthropic Messages API wire format: an SSE stream, a plain JSON message, or an
 * error body. The event order and field set follow what api.anthropic.com streams, so real clients parse it.
 */
final class AnthropicWire {

    /** Text and tool-input JSON are split into deltas of at most this many characters, as a real stream would be. */
    static final int DELTA_CHARS = 24;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnthropicWire() {
    }

    /** The full SSE body for {@code reply}: message_start, ping, one start/delta.../stop per block, message_delta, message_stop. */
    static String sse(ModelReply reply, String messageId, String model, IdSource ids) {
        StringBuilder out = new StringBuilder();
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode message = messageShell(messageId, model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        // The real API reports the prompt size up front and a small provisional output count.
        message.set("usage", usage(reply.inputTokens(), 1));
        start.set("message", message);
        event(out, "message_start", start);
        event(out, "ping", JSON.createObjectNode().put("type", "ping"));

        int index = 0;
        for (ModelReply.Block block : reply.blocks()) {
            ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", index);
            if (block.isToolUse()) {
                blockStart.putObject("content_block").put("type", "tool_use").put("id", ids.next("toolu_"))
                        .put("name", block.toolName()).putObject("input");
                event(out, "content_block_start", blockStart);
                deltas(out, index, "input_json_delta", "partial_json", block.toolInput().toString());
            } else {
                blockStart.putObject("content_block").put("type", "text").put("text", "");
                event(out, "content_block_start", blockStart);
                deltas(out, index, "text_delta", "text", block.text());
            }
            event(out, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", index));
            index++;
        }

        ObjectNode delta = JSON.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stopReason(reply)).putNull("stop_sequence");
        delta.set("usage", JSON.createObjectNode().put("output_tokens", reply.outputTokens()));
        event(out, "message_delta", delta);
        event(out, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
        return out.toString();
    }

    /** The non-streaming answer ({@code "stream": false}): one complete message object. */
    static String message(ModelReply reply, String messageId, String model, IdSource ids) {
        ObjectNode message = messageShell(messageId, model);
        ArrayNode content = message.putArray("content");
        for (ModelReply.Block block : reply.blocks()) {
            if (block.isToolUse()) {
                content.addObject().put("type", "tool_use").put("id", ids.next("toolu_")).put("name", block.toolName())
                        .set("input", block.toolInput());
            } else {
                content.addObject().put("type", "text").put("text", block.text());
            }
        }
        message.put("stop_reason", stopReason(reply));
        message.putNull("stop_sequence");
        message.set("usage", usage(reply.inputTokens(), reply.outputTokens()));
        return message.toString();
    }

    /** An Anthropic error body: {@code {"type":"error","error":{"type":..,"message":..}}}. */
    static String error(String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return body.toString();
    }

    private static ObjectNode messageShell(String messageId, String model) {
        return JSON.createObjectNode().put("id", messageId).put("type", "message").put("role", "assistant")
                .put("model", model);
    }

    private static JsonNode usage(int inputTokens, int outputTokens) {
        return JSON.createObjectNode().put("input_tokens", inputTokens).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0).put("output_tokens", outputTokens);
    }

    private static String stopReason(ModelReply reply) {
        return reply.callsTool() ? "tool_use" : "end_turn";
    }

    private static void deltas(StringBuilder out, int index, String deltaType, String field, String value) {
        for (String piece : pieces(value, "input_json_delta".equals(deltaType))) {
            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
            delta.putObject("delta").put("type", deltaType).put(field, piece);
            event(out, "content_block_delta", delta);
        }
    }

    /** Splits {@code value} into deltas without cutting a surrogate pair; tool input starts with an empty piece, as the real API does. */
    static List<String> pieces(String value, boolean leadingEmpty) {
        List<String> pieces = new ArrayList<>();
        if (leadingEmpty || value.isEmpty()) {
            pieces.add("");
        }
        int start = 0;
        while (start < value.length()) {
            int end = Math.min(value.length(), start + DELTA_CHARS);
            if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
                end--;
            }
            pieces.add(value.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private static void event(StringBuilder out, String name, JsonNode data) {
        out.append("event: ").append(name).append('\n').append("data: ").append(data).append("\n\n");
    }

    /** Hands out unique ids such as {@code msg_...} and {@code toolu_...}. */
    @FunctionalInterface
    interface IdSource {
        String next(String prefix);
    }
}
