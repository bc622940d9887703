package dev.hotplex.testkit.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A fake of the GitHub REST API on {@code 127.0.0.1} for one repository: point {@code GITHUB_API_URL} at
 * {@link #apiUrl()}. It answers the endpoints the GitHub Action uses (pull request files, reviews, issue comments,
 * the git data API for pushing a branch, pull requests) from a {@link FakeRepository}, demands the token as
 * {@code Authorization: Bearer} (401 otherwise, like GitHub), and records every call.
 *
 * <pre>{@code
 * try (FakeGitHub github = FakeGitHub.start("octo/sample", "ghs_test")) {
 *   github.repository().addPullRequest(7, "feature", headSha, "main",
 *       List.of(PullRequestFile.modified("a.py", patch)));
 *   github.failWith("POST", ".+/reviews", 500, "scripted outage");   // optional
 *   runTheAction(Map.of("GITHUB_API_URL", github.apiUrl()));         // your code
 *   assertThat(github.repository().reviews(7)).hasSize(1);
 *   assertThat(github.calls("PATCH", ".+/issues/comments/[0-9]+")).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Realistic where it matters to the action: lists are paginated ({@code per_page}, {@code page}, a {@code Link}
 * header to the next page), a review's {@code event} must be {@code APPROVE}, {@code REQUEST_CHANGES} or
 * {@code COMMENT} and its comments must name files of the pull request (422 otherwise), only the token owner's own
 * comments can be edited (403), and a second open pull request for the same branch is refused (422). It does not
 * check that a comment's line lies inside the diff. Thread-safe.
 */
public final class FakeGitHub implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Failure(String method, String pathRegex, int status, String message) {}

  private final Server jetty;
  private final ServerConnector connector;
  private final String token;
  private final String fullName;
  // Set once listening, before anyone can know the port to call: its links name the real port.
  private volatile FakeRepository repository;
  private final GitHubRoutes routes;
  private final List<GitHubCall> calls = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();

  private FakeGitHub(String fullName, String token) {
    this.token = token;
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("fake-github");
    threads.setDaemon(true);
    jetty = new Server(threads);
    connector = new ServerConnector(jetty, 1, 1);
    connector.setHost(LOOPBACK);
    jetty.addConnector(connector);
    jetty.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws IOException {
        answer(request, response, callback);
        return true;
      }
    });
    this.fullName = fullName;
    this.routes = new GitHubRoutes(fullName);
  }

  /**
   * Starts the fake on a free loopback port for repository {@code fullName} ({@code owner/name}), accepting
   * {@code token}.
   *
   * @throws UncheckedIOException if it cannot listen
   */
  public static FakeGitHub start(String fullName, String token) {
    if (!Objects.requireNonNull(fullName, "fullName").matches("[^/\\s]+/[^/\\s]+")) {
      throw new IllegalArgumentException("the repository must be owner/name, got '" + fullName + "'");
    }
    FakeGitHub github = new FakeGitHub(fullName, Objects.requireNonNull(token, "token"));
    try {
      github.jetty.start();
      github.repository = new FakeRepository(fullName, github.apiUrl());
    } catch (Exception e) {
      github.close();
      throw new UncheckedIOException(new IOException("the fake GitHub could not listen on " + LOOPBACK, e));
    }
    return github;
  }

  /** The value for {@code GITHUB_API_URL}: {@code http://127.0.0.1:PORT}. */
  public String apiUrl() {
    return "http://" + LOOPBACK + ":" + connector.getLocalPort();
  }

  /** The repository's state: seed it, and read what the code under test did to it. */
  public FakeRepository repository() {
    return repository;
  }

  /** Every call so far, oldest first. */
  public synchronized List<GitHubCall> calls() {
    return List.copyOf(calls);
  }

  /** The calls with {@code method} whose path matches {@code pathRegex}, oldest first. */
  public synchronized List<GitHubCall> calls(String method, String pathRegex) {
    return calls.stream().filter(call -> call.is(method, pathRegex)).toList();
  }

  /** From now on, answers calls with {@code method} and a path matching {@code pathRegex} with this error. */
  public synchronized FakeGitHub failWith(String method, String pathRegex, int status, String message) {
    failures.add(new Failure(method, pathRegex, status, message));
    return this;
  }

  /** Stops at once. Idempotent. */
  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the fake GitHub did not stop cleanly", e);
    }
  }

  @Override
  public String toString() {
    return "FakeGitHub[" + fullName + (jetty.isStarted() ? " at " + apiUrl() : ", stopped") + "]";
  }

  private void answer(Request request, Response response, Callback callback) throws IOException {
    String body = Content.Source.asString(request, StandardCharsets.UTF_8);
    JsonNode json = parse(body);
    String method = request.getMethod();
    String path = request.getHttpURI().getPath();
    String query = request.getHttpURI().getQuery() == null ? "" : request.getHttpURI().getQuery();
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    Answer answer = decide(method, path, query, authorization, json);
    synchronized (this) {
      calls.add(new GitHubCall(method, path, query, authorization, json, answer.status()));
    }
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    Content.Sink.write(response, true, JSON.writeValueAsString(answer.body()), callback);
  }

  private Answer decide(String method, String path, String query, String authorization, JsonNode body) {
    if (!("Bearer " + token).equals(authorization) && !("token " + token).equals(authorization)) {
      return Answer.error(401, "Bad credentials");
    }
    synchronized (this) {
      for (Failure failure : failures) {
        if (failure.method().equals(method) && path.matches(failure.pathRegex())) {
          return Answer.error(failure.status(), failure.message());
        }
      }
    }
    if (body == null) {
      return Answer.error(400, "Problems parsing JSON");
    }
    return routes.answer(repository, method, path, query, body, apiUrl() + path);
  }

  /** The body as JSON: a missing node when empty, null when it is not JSON. */
  private static JsonNode parse(String body) {
    if (body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
