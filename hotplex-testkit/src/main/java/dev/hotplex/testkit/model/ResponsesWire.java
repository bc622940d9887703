package dev.hotplex.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Encodes a {@link ModelReply} in the OpenAI Responses API wire format ({@code POST /v1/responses}), the dialect
 * Codex speaks with {@code wire_api = "responses"}: an SSE stream ({@code response.created},
 * {@code response.output_item.added}, {@code response.output_text.delta}, {@code response.output_item.done} per
 * message or {@code function_call}, then {@code response.completed} with the usage), a plain response object, or an
 * OpenAI-style error body. A tool call's input becomes the {@code arguments} JSON string of a function call.
 */
final class ResponsesWire {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResponsesWire() {
    }

    /** Writes the whole answer to {@code request}: the scripted error, an SSE stream or one JSON response. */
    static void send(ModelRequest request, ModelReply reply, String model, Response response, Callback callback,
                     AnthropicWire.IdSource ids) {
        ModelReply.Failure failure = reply.failure();
        if (failure != null) {
            response.setStatus(failure.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, error(failure.type(), failure.message()), callback);
            return;
        }
        if (request.isStreaming()) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            Content.Sink.write(response, true, sse(reply, model, ids), callback);
        } else {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, responseObject(reply, model, ids, "completed").toString(), callback);
        }
    }

    /** The SSE body: created, then added/deltas/done per output item, then completed (with usage). */
    static String sse(ModelReply reply, String model, AnthropicWire.IdSource ids) {
        StringBuilder out = new StringBuilder();
        ObjectNode finished = responseObject(reply, model, ids, "completed");
        ObjectNode created = finished.deepCopy().put("status", "in_progress");
        created.putArray("output");
        created.remove("usage");
        int[] sequence = {0};
        event(out, sequence, "response.created", JSON.createObjectNode().set("response", created));
        int index = 0;
        for (JsonNode item : finished.path("output")) {
            ObjectNode added = item.deepCopy();
            added.put("status", "in_progress");
            if (added.has("content")) {
                added.putArray("content");
            } else {
                added.put("arguments", "");
            }
            event(out, sequence, "response.output_item.added",
                    JSON.createObjectNode().put("output_index", index).set("item", added));
            if (item.has("content")) {
                for (String piece : AnthropicWire.pieces(item.path("content").path(0).path("text").asText(), false)) {
                    event(out, sequence, "response.output_text.delta", JSON.createObjectNode()
                            .put("item_id", item.path("id").asText()).put("output_index", index)
                            .put("content_index", 0).put("delta", piece));
                }
            } else {
                event(out, sequence, "response.function_call_arguments.delta", JSON.createObjectNode()
                        .put("item_id", item.path("id").asText()).put("output_index", index)
                        .put("delta", item.path("arguments").asText()));
            }
            event(out, sequence, "response.output_item.done",
                    JSON.createObjectNode().put("output_index", index).set("item", item));
            index++;
        }
        event(out, sequence, "response.completed", JSON.createObjectNode().set("response", finished));
        return out.toString();
    }

    /** A Responses API response object with one output item per block: {@code message} or {@code function_call}. */
    static ObjectNode responseObject(ModelReply reply, String model, AnthropicWire.IdSource ids, String status) {
        ObjectNode response = JSON.createObjectNode().put("id", ids.next("resp_")).put("object", "response")
                .put("created_at", System.currentTimeMillis() / 1000).put("status", status).put("model", model);
        ArrayNode output = response.putArray("output");
        for (ModelReply.Block block : reply.blocks()) {
            if (block.isToolUse()) {
                output.addObject().put("type", "function_call").put("id", ids.next("fc_"))
                        .put("call_id", ids.next("call_")).put("name", block.toolName())
                        .put("arguments", block.toolInput().toString()).put("status", "completed");
            } else {
                ObjectNode message = output.addObject().put("type", "message").put("id", ids.next("msg_"))
                        .put("role", "assistant").put("status", "completed");
                message.putArray("content").addObject().put("type", "output_text").put("text", block.text())
                        .putArray("annotations");
            }
        }
        ObjectNode usage = response.putObject("usage").put("input_tokens", reply.inputTokens())
                .put("output_tokens", reply.outputTokens())
                .put("total_tokens", reply.inputTokens() + reply.outputTokens());
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        return response;
    }

    /** An OpenAI error body: {@code {"error":{"message":..,"type":..,"param":null,"code":null}}}. */
    static String error(String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).putNull("param").putNull("code");
        return body.toString();
    }

    private static void event(StringBuilder out, int[] sequence, String name, ObjectNode data) {
        ObjectNode typed = JSON.createObjectNode().put("type", name).put("sequence_number", sequence[0]++);
        typed.setAll(data);
        out.append("event: ").append(name).append('\n').append("data: ").append(typed).append("\n\n");
    }
}
