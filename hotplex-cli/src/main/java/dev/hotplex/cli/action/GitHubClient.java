package dev.hotplex.cli.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub REST API over the JDK's HTTP client, with the token hotplex holds (the agent never gets it). Lists
 * are read page by page through the {@code Link} header; reads are retried on a 5xx or a network error, writes
 * are not (a write that timed out may have happened, and a second one would duplicate it).
 */
final class GitHubClient {
  /** Time limit of one request; system property {@code hotplex.github.timeoutSeconds}, default 60. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(Long.getLong("hotplex.github.timeoutSeconds", 60));
  /** Most pages read of one list (100 items each). */
  static final int MAX_PAGES = 30;
  /** Retries of a read after a 5xx or a network error, with a growing pause (1 s, then 2 s). */
  static final int READ_RETRIES = 2;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NORMAL).build();
  private final String apiUrl;
  private final String token;
  private final String userAgent;

  GitHubClient(URI apiUrl, String token, String userAgent) {
    this.apiUrl = apiUrl.toString().replaceAll("/+$", "");
    this.token = token;
    this.userAgent = userAgent;
  }

  /** GET {@code path} (below the API root). */
  JsonNode get(String path) {
    return send("GET", apiUrl + path, null).body();
  }

  /** GET {@code path}; empty when GitHub answers 404. */
  Optional<JsonNode> find(String path) {
    try {
      return Optional.of(get(path));
    } catch (GitHubApiException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Every item of the list at {@code path}, following the pages (at most {@value #MAX_PAGES}). */
  List<JsonNode> list(String path) {
    List<JsonNode> items = new ArrayList<>();
    String url = apiUrl + path + (path.contains("?") ? "&" : "?") + "per_page=100";
    for (int page = 0; url != null && page < MAX_PAGES; page++) {
      Reply reply = send("GET", url, null);
      reply.body().forEach(items::add);
      url = nextPage(reply.link());
    }
    return items;
  }

  JsonNode post(String path, Object body) {
    return send("POST", apiUrl + path, body).body();
  }

  JsonNode patch(String path, Object body) {
    return send("PATCH", apiUrl + path, body).body();
  }

  private record Reply(JsonNode body, String link) {}

  private Reply send(String method, String url, Object body) {
    String call = method + " " + url.substring(apiUrl.length());
    int attempts = "GET".equals(method) ? READ_RETRIES + 1 : 1;
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> response = http.send(request(method, url, body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500 && attempt < attempts) {
          pause(attempt);
          continue;
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() >= 300) {
          throw new GitHubApiException(response.statusCode(), call, describe(json));
        }
        return new Reply(json, response.headers().firstValue("Link").orElse(null));
      } catch (IOException e) {
        if (attempt >= attempts) {
          throw new GitHubApiException(0, call, "no answer from " + apiUrl + " (" + e + ")");
        }
        pause(attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GitHubApiException(0, call, "interrupted");
      }
    }
  }

  private HttpRequest request(String method, String url, Object body) throws IOException {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28")
        .header("Authorization", "Bearer " + token)
        .header("User-Agent", userAgent)
        .header("Content-Type", "application/json")
        .method(method, publisher).build();
  }

  /** The next page's URL, only when it points below the same API root (a link elsewhere is not followed). */
  private String nextPage(String link) {
    if (link == null) {
      return null;
    }
    Matcher next = NEXT_LINK.matcher(link);
    return next.find() && next.group(1).startsWith(apiUrl + "/") ? next.group(1) : null;
  }

  /** The body as JSON; a text that is not JSON (a proxy's error page) becomes {@code {"message": <its start>}}. */
  private static JsonNode parse(String body) {
    if (body.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      return JSON.createObjectNode().put("message", body.strip().substring(0, Math.min(200, body.strip().length())));
    }
  }

  /** GitHub's {@code message}, with the details of a validation failure ({@code errors}). */
  private static String describe(JsonNode error) {
    String message = error.path("message").asText("(no message)");
    List<String> details = new ArrayList<>();
    for (JsonNode detail : error.path("errors")) {
      details.add(detail.isTextual() ? detail.asText() : detail.path("message").asText(detail.toString()));
    }
    return details.isEmpty() ? message : message + " (" + String.join("; ", details) + ")";
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(1000L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
