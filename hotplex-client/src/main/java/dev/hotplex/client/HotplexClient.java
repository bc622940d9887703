package dev.hotplex.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.EventJson;
import dev.hotplex.event.TurnResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A client of the hotplex daemon ({@code hotplex serve}) over HTTP, on the JDK's {@link HttpClient}.
 *
 * <pre>{@code
 * try (HotplexClient client = HotplexClient.discover(Path.of("/var/lib/hotplex"))) {
 *   SessionInfo session = client.createOrReuseSession(SessionSpec.named("review").workDir(repo));
 *   int turn = client.startTurn(session.id(), "Review the diff");
 *   TurnResult result = client.streamEvents(session.id(), turn, 0, (seq, event) -> log(event));
 * }
 * }</pre>
 *
 * <p>The client speaks TCP (the JDK's HTTP client cannot use Unix sockets): use a daemon started with
 * {@code --listen 127.0.0.1:PORT}; a {@code --socket} daemon serves other clients (curl {@code --unix-socket}).
 * The token is sent only in the {@code Authorization} header and never appears in messages.
 */
public final class HotplexClient implements AutoCloseable {
  /** Attempts to re-attach to an event stream after a lost connection (default 20; {@code hotplex.client.retries}). */
  public static final int MAX_REATTACH_ATTEMPTS = Integer.getInteger("hotplex.client.retries", 20);
  /** First wait before re-attaching; doubles each attempt (default 250 ms). */
  public static final Duration INITIAL_BACKOFF = Duration.ofMillis(Long.getLong("hotplex.client.backoffMs", 250));
  /** Longest wait between re-attach attempts (default 5 s). */
  public static final Duration MAX_BACKOFF = Duration.ofMillis(Long.getLong("hotplex.client.maxBackoffMs", 5_000));
  /** Timeout of the plain (non-streaming) requests (default 60 s). */
  public static final Duration REQUEST_TIMEOUT = Duration.ofMillis(Long.getLong("hotplex.client.requestTimeoutMs",
      60_000));
  static final String DISCOVERY_FILE = "daemon.json";

  private final URI base;
  private final String token;
  private final HttpClient http;

  private HotplexClient(URI base, String token) {
    this.base = base;
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * A client of the daemon at {@code endpoint} ({@code http://127.0.0.1:PORT}).
   *
   * @throws IllegalArgumentException when the endpoint is not an http URL
   */
  public static HotplexClient connect(URI endpoint, String token) {
    Objects.requireNonNull(token, "token");
    if (!"http".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException("The client connects over http://127.0.0.1:PORT, not " + endpoint
          + ". Start the daemon with --listen 127.0.0.1:PORT (the JDK's HTTP client cannot use Unix sockets).");
    }
    String text = endpoint.toString();
    return new HotplexClient(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text), token);
  }

  /**
   * A client of the daemon whose discovery file ({@code daemon.json}) is in {@code stateDir}.
   *
   * @throws HotplexClientException when no daemon runs there (no file, or its pid is gone)
   */
  public static HotplexClient discover(Path stateDir) throws IOException {
    JsonNode discovery = readDiscovery(stateDir);
    long pid = discovery.path("pid").asLong();
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      throw new HotplexClientException(-1, "The daemon named in " + stateDir.resolve(DISCOVERY_FILE) + " (pid "
          + pid + ") is not running. Start a new one with 'hotplex serve'.");
    }
    return connect(discovery);
  }

  /**
   * Like {@link #discover}, but judges the daemon alive by asking it ({@code GET /v1/stats}) rather than by its
   * pid: for a caller in another PID namespace that shares the daemon's network and files, such as another
   * container of the same Kubernetes pod, where the daemon's pid means nothing.
   *
   * @throws HotplexClientException when there is no discovery file or the daemon does not answer
   */
  public static HotplexClient attach(Path stateDir) throws IOException {
    HotplexClient client = connect(readDiscovery(stateDir));
    client.stats();
    return client;
  }

  private static JsonNode readDiscovery(Path stateDir) throws IOException {
    Path file = stateDir.resolve(DISCOVERY_FILE);
    try {
      return EventJson.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new HotplexClientException(-1, "No hotplex daemon found: " + file + " does not exist. Start one with"
          + " 'hotplex serve --listen 127.0.0.1:0 --state-dir " + stateDir + "'.");
    }
  }

  private static HotplexClient connect(JsonNode discovery) throws IOException {
    Path tokenFile = Path.of(discovery.path("tokenFile").asText());
    String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
    return connect(URI.create(discovery.path("endpoint").asText()), token);
  }

  /** The daemon's address. */
  public URI endpoint() {
    return base;
  }

  /** Creates the session, or returns the one with the same scope and name. */
  public SessionInfo createOrReuseSession(SessionSpec spec) throws IOException {
    HttpResponse<String> response = send("POST", "/v1/sessions", spec.toJson());
    return SessionInfo.from(EventJson.mapper().readTree(response.body()), response.statusCode() == 201);
  }

  public SessionInfo session(String sessionId) throws IOException {
    return SessionInfo.from(json("GET", "/v1/sessions/" + sessionId, null), false);
  }

  public List<SessionInfo> sessions() throws IOException {
    List<SessionInfo> sessions = new ArrayList<>();
    for (JsonNode item : json("GET", "/v1/sessions", null)) {
      sessions.add(SessionInfo.from(item, false));
    }
    return sessions;
  }

  /** Ends the session's agent process. */
  public void closeSession(String sessionId) throws IOException {
    send("DELETE", "/v1/sessions/" + sessionId, null);
  }

  /** Starts a turn (queued behind a running one) and returns its number; stream it with {@link #streamEvents}. */
  public int startTurn(String sessionId, String prompt) throws IOException {
    return startTurn(sessionId, prompt, null, null);
  }

  /**
   * Starts a turn whose tool calls are decided by these patterns instead of the session's (for this turn only;
   * null keeps the session's list), and returns its number. The policy and the workspace jail still apply.
   */
  public int startTurn(String sessionId, String prompt, List<String> allowedTools, List<String> disallowedTools)
      throws IOException {
    ObjectNode body = EventJson.mapper().createObjectNode().put("prompt", prompt);
    if (allowedTools != null) {
      body.putPOJO("allowedTools", List.copyOf(allowedTools));
    }
    if (disallowedTools != null) {
      body.putPOJO("disallowedTools", List.copyOf(disallowedTools));
    }
    return json("POST", "/v1/sessions/" + sessionId + "/turns", body).path("turn").asInt();
  }

  /** Asks the daemon to stop: it closes every session (ending their agents) and exits. */
  public void shutdown() throws IOException {
    send("POST", "/v1/shutdown", null);
  }

  /**
   * Cancels one turn, running or waiting in line: interrupt, then (after the daemon's grace period) the agent's
   * process group is killed. The session's other turns go on.
   */
  public void cancelTurn(String sessionId, int turn) throws IOException {
    send("POST", "/v1/sessions/" + sessionId + "/turns/" + turn + "/cancel", null);
  }

  /** Whether the turn has its result. */
  public boolean turnComplete(String sessionId, int turn) throws IOException {
    return json("GET", "/v1/sessions/" + sessionId + "/turns/" + turn, null).path("complete").asBoolean();
  }

  /** Interrupts the session's running turn. */
  public void interrupt(String sessionId) throws IOException {
    send("POST", "/v1/sessions/" + sessionId + "/interrupt", null);
  }

  /** The daemon's {@code /v1/stats}. */
  public JsonNode stats() throws IOException {
    return json("GET", "/v1/stats", null);
  }

  /**
   * Streams a turn's events from {@code fromSeq} (the number of events already seen) to its result, and returns
   * the result. A lost connection is re-attached from the last event received, up to
   * {@link #MAX_REATTACH_ATTEMPTS} times with a doubling back-off, so the listener sees each event once and in
   * order.
   *
   * @throws HotplexClientException when the daemon refuses (4xx) or stays unreachable
   */
  public TurnResult streamEvents(String sessionId, int turn, long fromSeq, TurnEventListener listener)
      throws IOException, InterruptedException {
    String path = "/v1/sessions/" + sessionId + "/turns/" + turn + "/events";
    SseReader reader = new SseReader(fromSeq, listener);
    Duration backoff = INITIAL_BACKOFF;
    IOException lastFailure = null;
    for (int attempt = 0; attempt <= MAX_REATTACH_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        Thread.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
      HttpRequest request = request("GET", path + "?from=" + reader.nextSeq(), null)
          .header("Accept", "text/event-stream").build();
      try {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
          String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
          HotplexClientException refused = failure(response.statusCode(), body);
          if (response.statusCode() < 500) {
            throw refused;
          }
          lastFailure = refused;
          continue;
        }
        long before = reader.nextSeq();
        TurnResult result = reader.read(response.body());
        if (result != null) {
          return result;
        }
        if (reader.nextSeq() > before) {
          backoff = INITIAL_BACKOFF; // progress: the next gap starts a fresh back-off
          attempt = 0;
        }
        lastFailure = new HotplexClientException(-1, "the event stream ended before the turn's result");
      } catch (HotplexClientException e) {
        throw e;
      } catch (IOException e) {
        lastFailure = e;
      }
    }
    throw new HotplexClientException("Lost the event stream of " + sessionId + " turn " + turn + " after "
        + MAX_REATTACH_ATTEMPTS + " re-attach attempts (last seen event " + (reader.nextSeq() - 1) + ")",
        lastFailure);
  }

  private JsonNode json(String method, String path, JsonNode body) throws IOException {
    return EventJson.mapper().readTree(send(method, path, body).body());
  }

  private HttpResponse<String> send(String method, String path, JsonNode body) throws IOException {
    try {
      HttpResponse<String> response = http.send(request(method, path, body).timeout(REQUEST_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() >= 300) {
        throw failure(response.statusCode(), response.body());
      }
      return response;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HotplexClientException("interrupted while calling the daemon", e);
    } catch (HotplexClientException e) {
      throw e;
    } catch (IOException e) {
      throw new HotplexClientException("Cannot reach the hotplex daemon at " + base + ": " + e.getMessage(), e);
    }
  }

  private HttpRequest.Builder request(String method, String path, JsonNode body) {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(URI.create(base + path)).method(method, publisher)
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
  }

  private static HotplexClientException failure(int status, String body) {
    String message = body;
    try {
      message = EventJson.mapper().readTree(body).path("error").asText(body);
    } catch (IOException notJson) {
      // keep the raw body
    }
    return new HotplexClientException(status, "The daemon answered " + status + ": " + message.strip());
  }

  @Override
  public void close() {
    // HttpClient has no close() before Java 21; its threads are daemon threads and end with it.
  }

  @Override
  public String toString() {
    return "HotplexClient[" + base + "]";
  }

  /** Parses SSE frames ({@code id:}, {@code event:}, {@code data:}) into events, remembering the next seq. */
  private static final class SseReader {
    private final TurnEventListener listener;
    private long nextSeq;

    SseReader(long fromSeq, TurnEventListener listener) {
      this.nextSeq = fromSeq;
      this.listener = listener;
    }

    long nextSeq() {
      return nextSeq;
    }

    /** Reads frames until the result (returned) or the end of the stream (null). */
    TurnResult read(InputStream body) throws IOException {
      try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(body, StandardCharsets.UTF_8))) {
        long id = -1;
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("id:")) {
            id = Long.parseLong(line.substring(3).trim());
          } else if (line.startsWith("data:")) {
            data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
          } else if (line.isEmpty() && data.length() > 0) {
            TurnResult result = dispatch(id, data.toString());
            data.setLength(0);
            if (result != null) {
              return result;
            }
          }
        }
        return null;
      }
    }

    private TurnResult dispatch(long id, String json) {
      if (id < nextSeq) {
        return null; // already delivered before a re-attach
      }
      AgentEvent event = EventJson.fromJson(json);
      nextSeq = id + 1;
      listener.onEvent(id, event);
      return event instanceof TurnResult result ? result : null;
    }
  }
}
