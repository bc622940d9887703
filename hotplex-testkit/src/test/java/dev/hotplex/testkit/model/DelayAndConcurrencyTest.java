package dev.hotplex.testkit.model;

import static dev.hotplex.testkit.model.Loopback.events;
import static dev.hotplex.testkit.model.Loopback.joinedDeltas;
import static dev.hotplex.testkit.model.Loopback.userTurn;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delayed replies and many simultaneous streams. */
class DelayAndConcurrencyTest {

    /** Far longer than any test runs: if a reply waited this long, the test would time out. */
    private static final Duration FOREVER = Duration.ofMinutes(10);

    private final FakeModelServer server = FakeModelServer.start();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void closeEndsRequestsWaitingOnADelay() throws Exception {
        server.script().next(ModelReply.text("never").after(FOREVER));
        CompletableFuture<HttpResponse<String>> pending = sendAsync("hi");
        server.awaitRequests(1, Loopback.TIMEOUT);

        server.close();

        HttpResponse<String> response = pending.get(Loopback.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("x-should-retry")).hasValue("false");
        assertThat(Loopback.parse(response.body()).path("error").path("message").asText()).contains("closed");
        assertThat(server.pendingDelayedReplies()).isZero();
    }

    @Test
    void clientHangingUpDuringDelayLeavesNothingBehind() throws Exception {
        server.script().next(ModelReply.text("too late").after(Duration.ofMillis(200)));
        byte[] body = userTurn("hi").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            server.awaitRequests(1, Loopback.TIMEOUT);
        }

        awaitNoPendingReplies();
        HttpResponse<String> next = sendAsync("still there?").get(Loopback.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(joinedDeltas(events(next.body()), 0)).isEqualTo("ECHO: still there?");
    }

    @Test
    void manySimultaneousStreamsEachGetTheirOwnAnswer() throws Exception {
        int streams = FakeModelServer.MAX_THREADS * 2;
        // Every reply waits, so all requests are open at the same time; the delay must not hold a server thread.
        server.when(request -> true).replyWith(request -> ModelScript.echo(request).after(Duration.ofMillis(200)));

        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, streams)
                .mapToObj(i -> sendAsync("prompt " + i)).toList();

        for (int i = 0; i < streams; i++) {
            HttpResponse<String> response = responses.get(i).get(Loopback.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(joinedDeltas(events(response.body()), 0)).isEqualTo("ECHO: prompt " + i);
        }
        assertThat(server.requestCount()).isEqualTo(streams);
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String text) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages"))
                .timeout(Loopback.TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(userTurn(text)))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private void awaitNoPendingReplies() throws InterruptedException {
        long deadline = System.nanoTime() + Loopback.TIMEOUT.toNanos();
        while (server.pendingDelayedReplies() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.pendingDelayedReplies()).as("delayed replies left after the client hung up").isZero();
    }
}
