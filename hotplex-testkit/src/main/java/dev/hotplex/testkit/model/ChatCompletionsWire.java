package dev.hotplex.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Encodes a {@link ModelReply} in the OpenAI Chat Completions wire format ({@code POST /v1/chat/completions}), as
 * OpenAI-compatible clients such as OpenCode's {@code @ai-sdk/openai-compatible} provider read it: an SSE stream of
 * {@code chat.completion.chunk} objects ending with {@code data: [DONE]}, a plain {@code chat.completion}, or an
 * error body.
 */
final class ChatCompletionsWire {

    /** What a request without tools (OpenCode's first call of a session asks for a title) is answered. */
    static final String TITLE = "Fake session title";

    /** How {@link MessagesHandler} answers a Chat Completions request. */
    static final DialectReplies REPLIES = new DialectReplies(
            (reply, model, ids) -> sse(reply, ids.next("chatcmpl-"), model, ids),
            (reply, model, ids) -> completion(reply, ids.next("chatcmpl-"), model, ids),
            (status, type, message) -> error(type, message));

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatCompletionsWire() {
    }

    /**
     * The SSE body: a role chunk, text deltas, one chunk per tool call (id, name, arguments), a chunk with the
     * {@code finish_reason}, a usage chunk with no choices (as with {@code stream_options.include_usage}), then
     * {@code [DONE]}.
     */
    static String sse(ModelReply reply, String completionId, String model, AnthropicWire.IdSource ids) {
        StringBuilder out = new StringBuilder();
        ObjectNode role = JSON.createObjectNode().put("role", "assistant").put("content", "");
        data(out, chunk(completionId, model, role, null));
        int toolIndex = 0;
        for (ModelReply.Block block : reply.blocks()) {
            if (block.isToolUse()) {
                ObjectNode delta = JSON.createObjectNode();
                ObjectNode call = delta.putArray("tool_calls").addObject().put("index", toolIndex++)
                        .put("id", ids.next("call_")).put("type", "function");
                call.putObject("function").put("name", block.toolName())
                        .put("arguments", block.toolInput().toString());
                data(out, chunk(completionId, model, delta, null));
            } else {
                for (String piece : AnthropicWire.pieces(block.text(), false)) {
                    data(out, chunk(completionId, model, JSON.createObjectNode().put("content", piece), null));
                }
            }
        }
        data(out, chunk(completionId, model, JSON.createObjectNode(), finishReason(reply)));
        ObjectNode usage = shell(completionId, model, "chat.completion.chunk");
        usage.putArray("choices");
        usage.set("usage", usage(reply));
        data(out, usage);
        out.append("data: [DONE]\n\n");
        return out.toString();
    }

    /** The non-streaming answer: one {@code chat.completion} object. */
    static String completion(ModelReply reply, String completionId, String model, AnthropicWire.IdSource ids) {
        ObjectNode completion = shell(completionId, model, "chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        String text = reply.text();
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        if (reply.callsTool()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ModelReply.Block block : reply.blocks()) {
                if (block.isToolUse()) {
                    ObjectNode call = calls.addObject().put("id", ids.next("call_")).put("type", "function");
                    call.putObject("function").put("name", block.toolName())
                            .put("arguments", block.toolInput().toString());
                }
            }
        }
        choice.put("finish_reason", finishReason(reply));
        completion.set("usage", usage(reply));
        return completion.toString();
    }

    /** An OpenAI error body: {@code {"error":{"message":..,"type":..,"code":null}}}. */
    static String error(String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).putNull("code");
        return body.toString();
    }

    private static ObjectNode chunk(String completionId, String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = shell(completionId, model, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static ObjectNode shell(String completionId, String model, String object) {
        return JSON.createObjectNode().put("id", completionId).put("object", object)
                .put("created", System.currentTimeMillis() / 1000).put("model", model);
    }

    private static JsonNode usage(ModelReply reply) {
        return JSON.createObjectNode().put("prompt_tokens", reply.inputTokens())
                .put("completion_tokens", reply.outputTokens())
                .put("total_tokens", reply.inputTokens() + reply.outputTokens());
    }

    private static String finishReason(ModelReply reply) {
        return reply.callsTool() ? "tool_calls" : "stop";
    }

    private static void data(StringBuilder out, JsonNode data) {
        out.append("data: ").append(data).append("\n\n");
    }
}
