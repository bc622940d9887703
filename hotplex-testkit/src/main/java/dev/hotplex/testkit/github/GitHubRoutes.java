package dev.hotplex.testkit.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The REST endpoints the fake implements, each a method and a path pattern below {@code /repos/{owner}/{repo}}. */
final class GitHubRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_PER_PAGE = 30;
  private static final int MAX_PER_PAGE = 100;

  /** One call as a route sees it: the path's groups, the query parameters and the body. */
  record Call(Matcher path, Map<String, String> query, JsonNode body, String url) {
    int number(int group) {
      return Integer.parseInt(path.group(group));
    }
  }

  private record Route(String method, Pattern path, BiFunction<FakeRepository, Call, Answer> answer) {}

  private final List<Route> routes = new ArrayList<>();
  private final String prefix;

  GitHubRoutes(String repository) {
    prefix = "/repos/" + Pattern.quote(repository);
    add("GET", "/pulls/(\\d+)/files", (repo, call) -> repo.files(call.number(1))
        .map(files -> page(files.stream().map(GitHubRoutes::fileNode).toList(), call))
        .orElseGet(Answer::notFound));
    add("GET", "/pulls/(\\d+)/reviews", (repo, call) -> page(repo.reviews(call.number(1)), call));
    add("POST", "/pulls/(\\d+)/reviews", (repo, call) -> repo.createReview(call.number(1), call.body()));
    add("GET", "/issues/(\\d+)/comments", (repo, call) -> page(repo.issueComments(call.number(1)), call));
    add("POST", "/issues/(\\d+)/comments", (repo, call) -> repo.createComment(call.number(1), call.body()));
    add("PATCH", "/issues/comments/(\\d+)", (repo, call) ->
        repo.updateComment(Long.parseLong(call.path().group(1)), call.body()));
    add("POST", "/git/(blobs|trees|commits)", (repo, call) -> repo.createGitObject(call.path().group(1),
        call.body()));
    add("GET", "/git/ref/(heads/.+)", (repo, call) -> repo.ref("refs/" + call.path().group(1)));
    add("POST", "/git/refs", (repo, call) -> repo.createRef(call.body()));
    add("PATCH", "/git/refs/(heads/.+)", (repo, call) -> repo.updateRef("refs/" + call.path().group(1),
        call.body()));
    add("GET", "/pulls", (repo, call) -> page(repo.openPullsWithHead(call.query().get("head")), call));
    add("POST", "/pulls", (repo, call) -> repo.createPull(call.body()));
    add("GET", "/pulls/(\\d+)", (repo, call) -> repo.pull(call.number(1)).map(Answer::ok)
        .orElseGet(Answer::notFound));
    add("PATCH", "/pulls/(\\d+)", (repo, call) -> repo.updatePull(call.number(1), call.body()));
  }

  private void add(String method, String path, BiFunction<FakeRepository, Call, Answer> answer) {
    routes.add(new Route(method, Pattern.compile(prefix + path), answer));
  }

  /** The answer of the first route that matches, or a 404 that names the call. */
  Answer answer(FakeRepository repository, String method, String path, String query, JsonNode body, String url) {
    for (Route route : routes) {
      Matcher matcher = route.path().matcher(path);
      if (route.method().equals(method) && matcher.matches()) {
        return route.answer().apply(repository, new Call(matcher, parameters(query), body, url));
      }
    }
    return Answer.error(404, "Not Found (the fake GitHub does not implement " + method + " " + path + ")");
  }

  /** One page of {@code items} per {@code page} and {@code per_page}, with a {@code Link} to the next page. */
  private static Answer page(List<JsonNode> items, Call call) {
    int perPage = Math.min(MAX_PER_PAGE, Integer.parseInt(call.query().getOrDefault("per_page",
        String.valueOf(DEFAULT_PER_PAGE))));
    int page = Math.max(1, Integer.parseInt(call.query().getOrDefault("page", "1")));
    int from = Math.min(items.size(), (page - 1) * perPage);
    int to = Math.min(items.size(), from + perPage);
    Map<String, String> headers = new LinkedHashMap<>();
    if (to < items.size()) {
      Map<String, String> next = new LinkedHashMap<>(call.query());
      next.put("page", String.valueOf(page + 1));
      next.put("per_page", String.valueOf(perPage));
      StringBuilder link = new StringBuilder(call.url()).append('?');
      next.forEach((key, value) -> link.append(key).append('=').append(value).append('&'));
      headers.put("Link", "<" + link.substring(0, link.length() - 1) + ">; rel=\"next\"");
    }
    return new Answer(200, FakeRepository.array(items.subList(from, to)), headers);
  }

  private static JsonNode fileNode(PullRequestFile file) {
    ObjectNode node = JSON.createObjectNode().put("filename", file.filename()).put("status", file.status())
        .put("additions", file.additions()).put("deletions", file.deletions());
    if (file.patch() != null) {
      node.put("patch", file.patch());
    }
    return node;
  }

  private static Map<String, String> parameters(String query) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value,
          StandardCharsets.UTF_8));
    }
    return parameters;
  }
}
