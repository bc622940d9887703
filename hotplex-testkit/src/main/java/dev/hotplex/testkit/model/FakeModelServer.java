package dev.hotplex.testkit.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A scripted fake of the Anthropic Messages API on {@code 127.0.0.1}, for tests, the offline demo and benchmarks.
 * Point Claude Code at it with {@code ANTHROPIC_BASE_URL=}{@link #baseUrl()} and any {@code ANTHROPIC_API_KEY}.
 *
 * <p>It answers {@code POST /v1/messages} (any query string, e.g. {@code ?beta=true}) with the same SSE events as
 * the real API, or with one JSON message when the request says {@code "stream": false}. What it answers comes from
 * its {@link ModelScript}: by default {@code ECHO: <last user text>}, and {@code DONE: tool finished (<result>)}
 * after a tool call. {@code POST /v1/messages/count_tokens} and {@code GET /v1/models} get plausible answers; any
 * other path gets a quick 404 so no client waits. The same script also answers OpenAI Chat Completions
 * ({@code POST /v1/chat/completions}, for OpenCode; a request without tools is its title request and gets a short
 * title without using a rule) and Gemini ({@code POST /v1beta/models/<m>:streamGenerateContent?alt=sse} and
 * {@code :generateContent}, for the Gemini CLI) in their own wire formats. Every request is recorded, see {@link #requests()}.
 *
 * <pre>{@code
 * try (FakeModelServer model = FakeModelServer.start()) {
 *     model.when(ModelRequest::lastUserTextContains, "RUNTOOL").once()
 *          .reply(ModelReply.bash("echo hi > out.txt", "Write out.txt"));
 *     model.when(ModelRequest::lastUserTextContains, "BROKEN").reply(ModelReply.invalidRequest("scripted"));
 *     runClaude(Map.of("ANTHROPIC_BASE_URL", model.baseUrl()), "please RUNTOOL");  // your code
 *     List<ModelRequest> seen = model.awaitRequests(2, Duration.ofSeconds(10));
 *     assertThat(seen.get(1).toolResult()).isPresent();            // the follow-up carried the tool result
 *     assertThat(seen.get(1).userTexts()).contains("please RUNTOOL"); // ...and the first turn's context
 * }
 * }</pre>
 *
 * <p>Answers are written without blocking and delays ({@link ModelReply#after(Duration)}) hold no thread, so one
 * server handles many concurrent streams with a small, bounded thread pool. Thread-safe.
 */
public final class FakeModelServer implements AutoCloseable {

    /**
     * Maximum server threads; default 32, at least 8 (Jetty's acceptor and selector need some), system property
     * {@code hotplex.fakemodel.maxThreads}. Delayed replies hold no thread, so this bounds only busy work.
     */
    public static final int MAX_THREADS = Math.max(8, Integer.getInteger("hotplex.fakemodel.maxThreads", 32));
    /**
     * How many requests {@link #requests()} keeps (oldest dropped first, so long benchmarks use bounded memory);
     * default 500, system property {@code hotplex.fakemodel.maxRecorded}.
     */
    public static final int MAX_RECORDED = Integer.getInteger("hotplex.fakemodel.maxRecorded", 500);

    /**
     * How long a connection may stay silent (default 10 minutes, system property
     * {@code hotplex.fakemodel.idleTimeoutMs}). A delayed reply sends nothing until it fires, so Jetty's default of
     * 30 s would cut every reply delayed longer with a 500.
     */
    public static final long IDLE_TIMEOUT_MS = Long.getLong("hotplex.fakemodel.idleTimeoutMs", 600_000);

    private static final String LOOPBACK = "127.0.0.1";
    private static final ObjectMapper RECORD_JSON = new ObjectMapper();

    private final Server jetty;
    private final ServerConnector connector;
    private final ModelScript script;
    private final MessagesHandler handler;
    private final Deque<ModelRequest> recorded = new ArrayDeque<>();
    private long recordedTotal;
    private Path recordFile;

    private FakeModelServer(ModelScript script, int port) {
        this.script = script;
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, Math.min(4, MAX_THREADS));
        threads.setName("fake-model");
        threads.setDaemon(true);
        jetty = new Server(threads);
        connector = new ServerConnector(jetty, 1, 1);
        connector.setHost(LOOPBACK);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        jetty.addConnector(connector);
        handler = new MessagesHandler(script, this::record);
        jetty.setHandler(handler);
    }

    /** Starts a server with the default ECHO/DONE script on an ephemeral loopback port. */
    public static FakeModelServer start() {
        return start(new ModelScript(), 0);
    }

    /** Starts a server with the default script on {@code port} (0 picks a free one). */
    public static FakeModelServer start(int port) {
        return start(new ModelScript(), port);
    }

    /** Starts a server answering with {@code script} on an ephemeral loopback port. */
    public static FakeModelServer start(ModelScript script) {
        return start(script, 0);
    }

    /**
     * Starts a server answering with {@code script} on {@code port} (0 picks a free one).
     *
     * @throws UncheckedIOException if the port cannot be bound (e.g. already in use)
     */
    public static FakeModelServer start(ModelScript script, int port) {
        Objects.requireNonNull(script, "script");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, got " + port);
        }
        FakeModelServer server = new FakeModelServer(script, port);
        try {
            server.jetty.start();
        } catch (Exception e) {
            server.close();
            throw new UncheckedIOException(
                    new IOException("fake model server could not listen on " + LOOPBACK + ":" + port + ": " + e, e));
        }
        return server;
    }

    /** The value for {@code ANTHROPIC_BASE_URL}: {@code http://127.0.0.1:PORT}, no trailing slash. */
    public String baseUrl() {
        return "http://" + LOOPBACK + ":" + port();
    }

    /** The port the server listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** The script deciding the answers; rules may be added at any time. */
    public ModelScript script() {
        return script;
    }

    /** Shortcut for {@code script().when(condition)}. */
    public ModelScript.When when(Predicate<? super ModelRequest> condition) {
        return script.when(condition);
    }

    /** Shortcut for {@code script().when(test, argument)}, e.g. {@code when(ModelRequest::lastUserTextContains, "X")}. */
    public <T> ModelScript.When when(BiPredicate<? super ModelRequest, T> test, T argument) {
        return script.when(test, argument);
    }

    /** The recorded requests, oldest first (at most {@link #MAX_RECORDED}, all paths). */
    public synchronized List<ModelRequest> requests() {
        return List.copyOf(recorded);
    }

    /** The recorded {@code POST /v1/messages} requests, oldest first. */
    public List<ModelRequest> messageRequests() {
        return requests().stream().filter(ModelRequest::isMessages).toList();
    }

    /** How many requests arrived since start (including any no longer kept by {@link #requests()}). */
    public synchronized long requestCount() {
        return recordedTotal;
    }

    /**
     * Waits until at least {@code count} requests have arrived and returns {@link #requests()}. A request is recorded
     * when it arrives, before it is answered.
     *
     * @throws IllegalStateException if they did not arrive within {@code timeout} (the message lists what did)
     */
    public synchronized List<ModelRequest> awaitRequests(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (recordedTotal < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("expected " + count + " requests to the fake model within "
                            + timeout + " but got " + recordedTotal + ": " + recorded);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for requests to the fake model", e);
        }
        return requests();
    }

    /** Forgets the recorded requests (the total count keeps running). */
    public synchronized void clearRequests() {
        recorded.clear();
    }

    /** Stops at once: pending delayed replies are dropped and open connections closed. Idempotent. */
    @Override
    public void close() {
        handler.shutdown();
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("fake model server did not stop cleanly", e);
        }
    }

    @Override
    public String toString() {
        return "FakeModelServer[" + (jetty.isStarted() ? baseUrl() : "stopped") + "]";
    }

    /** How many delayed replies are still waiting to be sent; a seam for tests. */
    int pendingDelayedReplies() {
        return handler.pendingDelayedReplies();
    }

    private synchronized void record(ModelRequest request) {
        if (recorded.size() >= MAX_RECORDED) {
            recorded.removeFirst();
        }
        recorded.addLast(request);
        recordedTotal++;
        if (recordFile != null) {
            appendRecord(request);
        }
        notifyAll();
    }

    /**
     * Also appends every request from now on to {@code file}, one JSON line each:
     * {@code {"method","path","apiKeySha256","body"}}. The API key ({@code x-api-key}, or a bearer token) is written
     * only as its SHA-256, so a check can compare it with the key it expects without the file holding a secret.
     */
    public synchronized FakeModelServer recordTo(Path file) {
        recordFile = file;
        return this;
    }

    private void appendRecord(ModelRequest request) {
        ObjectNode line = RECORD_JSON.createObjectNode().put("method", request.method()).put("path", request.path());
        request.header("x-api-key").or(() -> request.header("authorization").map(value -> value.replaceFirst(
                "(?i)^bearer\\s+", ""))).ifPresent(key -> line.put("apiKeySha256", sha256(key)));
        line.set("body", request.body());
        try {
            Files.writeString(recordFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the request record " + recordFile, e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Starts a server for manual use and prints its base URL. Arguments:
     * {@code [--port N] [--demo | --directed] [--record FILE]}; {@code --demo} uses {@link ModelScript#demo()},
     * {@code --directed} {@link ModelScript#directed()}, {@code --record} appends each request to FILE (see
     * {@link #recordTo}). Runs until the process is stopped.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        ModelScript script = new ModelScript();
        Path record = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--demo" -> script = ModelScript.demo();
                case "--directed" -> script = ModelScript.directed();
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--record" -> record = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; usage: FakeModelServer [--port N] [--demo | --directed] [--record FILE]");
            }
        }
        FakeModelServer server = start(script, port);
        if (record != null) {
            server.recordTo(record);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fake-model-stop"));
        System.out.println("ANTHROPIC_BASE_URL=" + server.baseUrl());
        server.jetty.join();
    }

}
