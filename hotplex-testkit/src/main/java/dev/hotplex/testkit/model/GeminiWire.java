package dev.hotplex.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Encodes a {@link ModelReply} in the Gemini API wire format ({@code POST /v1beta/models/<m>:streamGenerateContent
 * ?alt=sse} and {@code :generateContent}), as the Gemini CLI reads it: SSE {@code data:} lines of
 * {@code GenerateContentResponse} objects whose candidate parts carry text or a {@code functionCall}, the last one
 * with {@code finishReason} and {@code usageMetadata}; or one such object; or a Google API error body.
 */
final class GeminiWire {

    /** How {@link MessagesHandler} answers a Gemini request. */
    static final DialectReplies REPLIES = new DialectReplies(
            (reply, model, ids) -> sse(reply, model),
            (reply, model, ids) -> generateContent(reply, model),
            GeminiWire::error);

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeminiWire() {
    }

    /** The SSE body: one response per text piece or function call, then one with the finish reason and usage. */
    static String sse(ModelReply reply, String model) {
        StringBuilder out = new StringBuilder();
        for (ModelReply.Block block : reply.blocks()) {
            if (block.isToolUse()) {
                ArrayNode parts = JSON.createArrayNode();
                functionCall(parts, block);
                data(out, response(parts, model));
            } else {
                for (String piece : AnthropicWire.pieces(block.text(), false)) {
                    ArrayNode parts = JSON.createArrayNode();
                    parts.addObject().put("text", piece);
                    data(out, response(parts, model));
                }
            }
        }
        ArrayNode none = JSON.createArrayNode();
        none.addObject().put("text", "");
        data(out, finished(response(none, model), reply));
        return out.toString();
    }

    /** The non-streaming answer of {@code :generateContent}: every part in one response. */
    static String generateContent(ModelReply reply, String model) {
        ArrayNode parts = JSON.createArrayNode();
        for (ModelReply.Block block : reply.blocks()) {
            if (block.isToolUse()) {
                functionCall(parts, block);
            } else {
                parts.addObject().put("text", block.text());
            }
        }
        return finished(response(parts, model), reply).toString();
    }

    /** A Google API error body: {@code {"error":{"code":..,"message":..,"status":..}}}. */
    static String error(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", status).put("message", message).put("status", type);
        return body.toString();
    }

    private static void functionCall(ArrayNode parts, ModelReply.Block block) {
        ObjectNode call = parts.addObject().putObject("functionCall");
        call.put("name", block.toolName());
        call.set("args", block.toolInput());
    }

    private static ObjectNode response(ArrayNode parts, String model) {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content").put("role", "model");
        content.set("parts", parts);
        candidate.put("index", 0);
        response.put("modelVersion", model);
        return response;
    }

    private static ObjectNode finished(ObjectNode response, ModelReply reply) {
        ((ObjectNode) response.path("candidates").path(0)).put("finishReason", "STOP");
        response.putObject("usageMetadata").put("promptTokenCount", reply.inputTokens())
                .put("candidatesTokenCount", reply.outputTokens())
                .put("totalTokenCount", reply.inputTokens() + reply.outputTokens());
        return response;
    }

    private static void data(StringBuilder out, JsonNode data) {
        out.append("data: ").append(data).append("\r\n\r\n");
    }
}
