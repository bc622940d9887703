package dev.hotplex.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Jetty handler of {@link FakeModelServer}: records each request, asks the script, writes the answer. */
final class MessagesHandler extends Handler.Abstract {

    /** Largest request body accepted; default 32 MiB, system property {@code hotplex.fakemodel.maxBodyBytes}. */
    static final int MAX_BODY_BYTES = Integer.getInteger("hotplex.fakemodel.maxBodyBytes", 32 * 1024 * 1024);
    /** Model name used in answers when a request names none. */
    static final String DEFAULT_MODEL = "claude-fake-model";

    private static final Logger LOG = LoggerFactory.getLogger(MessagesHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    /** Response header the Anthropic SDKs (and so Claude Code) obey to skip their retry loop. */
    private static final String SHOULD_RETRY = "x-should-retry";

    private final ModelScript script;
    private final Consumer<ModelRequest> recorder;
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fake-model-delay");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<DelayedReply> delayed = ConcurrentHashMap.newKeySet();

    MessagesHandler(ModelScript script, Consumer<ModelRequest> recorder) {
        this.script = script;
        this.recorder = recorder;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        byte[] body = readBody(request);
        if (body == null) {
            sendError(response, callback, 413, "request_too_large",
                    "request body exceeds " + MAX_BODY_BYTES + " bytes (raise -Dhotplex.fakemodel.maxBodyBytes)");
            return true;
        }
        JsonNode json = parse(body);
        ModelRequest recorded = new ModelRequest(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), headers(request), json);
        LOG.debug("fake model request {} ({} bytes)", recorded, body.length);
        if (recorded.isMessages() || recorded.isResponses() || recorded.isChatCompletions() || recorded.isGemini()) {
            answerMessages(recorded, body.length > 0 && json.isMissingNode(), request, response, callback);
            return true;
        }
        recorder.accept(recorded);
        if ("POST".equals(recorded.method()) && "/v1/messages/count_tokens".equals(recorded.path())) {
            // A rough estimate like the real tokenizer's average of about four bytes per token.
            sendJson(response, callback, 200, "{\"input_tokens\":" + Math.max(1, body.length / 4) + "}");
        } else if ("GET".equals(recorded.method()) && "/v1/models".equals(recorded.path())) {
            sendJson(response, callback, 200, modelList());
        } else {
            sendError(response, callback, 404, "not_found_error",
                    "the fake model server does not implement " + recorded);
        }
        return true;
    }

    /** Answers every waiting delayed reply with a non-retried 503 at once and stops the delay timer. */
    void shutdown() {
        delayed.forEach(DelayedReply::answerClosed);
        timer.shutdownNow();
    }

    /** How many delayed replies are waiting; a seam for tests. */
    int pendingDelayedReplies() {
        return delayed.size();
    }

    private void answerMessages(ModelRequest recorded, boolean badJson, Request request, Response response,
                                Callback callback) {
        if (badJson || !recorded.body().isObject()) {
            recorder.accept(recorded);
            sendError(response, callback, 400, "invalid_request_error", "request body must be a JSON object");
            return;
        }
        ModelReply reply;
        try {
            // OpenCode asks for a session title first; answering it must not use up the script's rules.
            reply = recorded.isTitleRequest() ? ModelReply.text(ChatCompletionsWire.TITLE) : script.replyTo(recorded);
        } catch (RuntimeException e) {
            recorder.accept(recorded);
            // A broken rule is a test bug: answer a non-retried error so the client fails fast, and log why.
            LOG.warn("fake model script failed for {}", recorded, e);
            sendError(response, callback, 500, "api_error", "fake model script failed: " + e);
            return;
        }
        if (reply.delay().isZero()) {
            recorder.accept(recorded);
            send(recorded, reply, response, callback);
            return;
        }
        DelayedReply pending = new DelayedReply(response, callback, () -> send(recorded, reply, response, callback));
        delayed.add(pending);
        // Recorded only once it waits where close() finds it: a test that saw the request can close the server
        // and be sure the wait ends with the "closed" answer.
        recorder.accept(recorded);
        // Jetty reports failures it notices (e.g. a reset stream); a plain TCP close is only noticed when the reply
        // is written. Either way the wait holds a timer entry, not a thread.
        request.addFailureListener(pending::cancel);
        try {
            pending.schedule(reply.delay().toNanos());
        } catch (RejectedExecutionException closing) {
            pending.answerClosed();
        }
    }

    private void send(ModelRequest request, ModelReply reply, Response response, Callback callback) {
        if (request.isResponses()) {
            ResponsesWire.send(request, reply, request.model(), response, callback, this::nextId);
            return;
        }
        if (request.isChatCompletions() || request.isGemini()) {
            (request.isGemini() ? GeminiWire.REPLIES : ChatCompletionsWire.REPLIES)
                    .send(request, reply, response, callback, this::nextId);
            return;
        }
        ModelReply.Failure failure = reply.failure();
        if (failure != null) {
            sendError(response, callback, failure.status(), failure.type(), failure.message(), failure.retry());
            return;
        }
        String model = request.model().isEmpty() ? DEFAULT_MODEL : request.model();
        String messageId = nextId("msg_fake_");
        response.getHeaders().put("request-id", nextId("req_fake_"));
        if (request.isStreaming()) {
            sendSse(response, callback, AnthropicWire.sse(reply, messageId, model, this::nextId));
        } else {
            sendJson(response, callback, 200, AnthropicWire.message(reply, messageId, model, this::nextId));
        }
    }

    private static void sendError(Response response, Callback callback, int status, String type, String message) {
        sendError(response, callback, status, type, message, false);
    }

    /** Errors say {@code x-should-retry: false} unless a script asked for retries: clients then fail at once. */
    private static void sendError(Response response, Callback callback, int status, String type, String message,
                                  boolean retry) {
        if (!retry) {
            response.getHeaders().put(SHOULD_RETRY, "false");
        }
        sendJson(response, callback, status, AnthropicWire.error(type, message));
    }

    static void sendSse(Response response, Callback callback, String body) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        Content.Sink.write(response, true, body, callback);
    }

    static void sendJson(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON_TYPE);
        Content.Sink.write(response, true, json, callback);
    }

    private String nextId(String prefix) {
        return prefix + String.format("%024d", ids.incrementAndGet());
    }

    /** The body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
    private static byte[] readBody(Request request) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    private static String modelList() {
        var list = JSON.createObjectNode();
        list.putArray("data").addObject().put("type", "model").put("id", DEFAULT_MODEL)
                .put("display_name", "Fake model (hotplex testkit)").put("created_at", "2025-01-01T00:00:00Z");
        list.put("has_more", false).put("first_id", DEFAULT_MODEL).put("last_id", DEFAULT_MODEL);
        return list.toString();
    }

    /** A reply waiting on the timer; exactly one of "send", "answer closed" and "cancel" wins. */
    private final class DelayedReply {
        private final Response response;
        private final Callback callback;
        private final Runnable sender;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile Future<?> timerTask;

        DelayedReply(Response response, Callback callback, Runnable sender) {
            this.response = response;
            this.callback = callback;
            this.sender = sender;
        }

        void schedule(long delayNanos) {
            timerTask = timer.schedule(this::fire, delayNanos, TimeUnit.NANOSECONDS);
        }

        private void fire() {
            if (done.compareAndSet(false, true)) {
                delayed.remove(this);
                sender.run();
            }
        }

        void cancel(Throwable cause) {
            if (claim()) {
                callback.failed(cause);
            }
        }

        void answerClosed() {
            if (claim()) {
                sendError(response, callback, 503, "api_error", "the fake model server was closed");
            }
        }

        private boolean claim() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            delayed.remove(this);
            Future<?> task = timerTask;
            if (task != null) {
                task.cancel(false);
            }
            return true;
        }
    }
}
