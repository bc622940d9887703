package dev.hotplex.testkit.model;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes a {@link ModelReply} in one non-Anthropic dialect: an SSE stream when the request asked for one, else one
 * JSON answer, and a scripted failure as that dialect's error body with its HTTP status.
 */
record DialectReplies(Encoder stream, Encoder single, ErrorEncoder error) {

    /** Encodes a reply for a request. */
    @FunctionalInterface
    interface Encoder {
        String encode(ModelReply reply, String model, AnthropicWire.IdSource ids);
    }

    /** Encodes an error body. */
    @FunctionalInterface
    interface ErrorEncoder {
        String encode(int status, String type, String message);
    }

    void send(ModelRequest request, ModelReply reply, Response response, Callback callback,
              AnthropicWire.IdSource ids) {
        ModelReply.Failure failure = reply.failure();
        if (failure != null) {
            MessagesHandler.sendJson(response, callback, failure.status(),
                    error.encode(failure.status(), failure.type(), failure.message()));
            return;
        }
        String model = request.model().isEmpty() ? MessagesHandler.DEFAULT_MODEL : request.model();
        if (request.isStreaming()) {
            MessagesHandler.sendSse(response, callback, stream.encode(reply, model, ids));
        } else {
            MessagesHandler.sendJson(response, callback, 200, single.encode(reply, model, ids));
        }
    }
}
