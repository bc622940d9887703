package dev.hotplex.testkit.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of the one repository a {@link FakeGitHub} serves: pull requests with their files, reviews, issue
 * comments, and the git data (blobs, trees, commits, refs) that a push through the REST API creates. Tests seed it
 * ({@link #addPullRequest}, {@link #addIssueComment}) and read what the code under test left in it. Thread-safe.
 */
public final class FakeRepository {
  /** The login of the comments and reviews the token's owner writes, like a workflow's {@code GITHUB_TOKEN}. */
  public static final String BOT_LOGIN = "github-actions[bot]";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String fullName;
  private final String htmlRoot;
  private final AtomicLong ids = new AtomicLong(1000);
  private final Map<Integer, ObjectNode> pulls = new LinkedHashMap<>();
  private final Map<Integer, List<PullRequestFile>> files = new LinkedHashMap<>();
  private final Map<Integer, List<ObjectNode>> reviews = new LinkedHashMap<>();
  private final Map<Integer, List<ObjectNode>> comments = new LinkedHashMap<>();
  private final Map<String, JsonNode> gitObjects = new LinkedHashMap<>();
  private final Map<String, String> refs = new LinkedHashMap<>();

  FakeRepository(String fullName, String htmlRoot) {
    this.fullName = fullName;
    this.htmlRoot = htmlRoot + "/" + fullName;
  }

  /** {@code owner/name}. */
  public String fullName() {
    return fullName;
  }

  /** Adds an open pull request from {@code headRef} into {@code baseRef} with these files. */
  public synchronized void addPullRequest(int number, String headRef, String headSha, String baseRef,
      List<PullRequestFile> changed) {
    ObjectNode pull = pullNode(number, "Pull request " + number, headRef, baseRef, "");
    ((ObjectNode) pull.get("head")).put("sha", headSha);
    pulls.put(number, pull);
    files.put(number, List.copyOf(changed));
  }

  /** Adds a comment by {@code login} to issue or pull request {@code number}; returns its id. */
  public synchronized long addIssueComment(int number, String login, String body) {
    ObjectNode comment = JSON.createObjectNode().put("id", ids.incrementAndGet()).put("body", body);
    comment.putObject("user").put("login", login).put("type", login.endsWith("[bot]") ? "Bot" : "User");
    comment.put("html_url", htmlRoot + "/pull/" + number + "#issuecomment-" + comment.get("id").asLong());
    comments.computeIfAbsent(number, n -> new ArrayList<>()).add(comment);
    return comment.get("id").asLong();
  }

  /** The reviews of pull request {@code number}, oldest first (with their inline comments). */
  public synchronized List<JsonNode> reviews(int number) {
    return List.copyOf(reviews.getOrDefault(number, List.of()));
  }

  /** The comments of issue or pull request {@code number}, oldest first. */
  public synchronized List<JsonNode> issueComments(int number) {
    return List.copyOf(comments.getOrDefault(number, List.of()));
  }

  /** Every pull request, seeded and created, by number. */
  public synchronized Map<Integer, JsonNode> pullRequests() {
    return Map.copyOf(pulls);
  }

  /** The commit a branch points at, if the branch exists. */
  public synchronized Optional<String> branch(String name) {
    return Optional.ofNullable(refs.get("refs/heads/" + name));
  }

  /** A git object created through the API (blob, tree or commit) as it was posted, with its {@code sha}. */
  public synchronized Optional<JsonNode> gitObject(String sha) {
    return Optional.ofNullable(gitObjects.get(sha));
  }

  /** The decoded content of a blob created through the API. */
  public synchronized Optional<String> blobText(String sha) {
    return gitObject(sha).map(blob -> new String(Base64.getDecoder().decode(blob.path("content").asText()
        .replace("\n", "")), StandardCharsets.UTF_8));
  }

  synchronized Optional<List<PullRequestFile>> files(int number) {
    return Optional.ofNullable(files.get(number));
  }

  synchronized Optional<JsonNode> pull(int number) {
    return Optional.ofNullable(pulls.get(number));
  }

  synchronized Answer createReview(int number, JsonNode request) {
    List<PullRequestFile> changed = files.get(number);
    if (changed == null) {
      return Answer.notFound();
    }
    String event = request.path("event").asText("");
    String state = switch (event) {
      case "COMMENT" -> "COMMENTED";
      case "REQUEST_CHANGES" -> "CHANGES_REQUESTED";
      case "APPROVE" -> "APPROVED";
      default -> null;
    };
    if (state == null) {
      return Answer.error(422, "Unprocessable Entity: event must be APPROVE, REQUEST_CHANGES or COMMENT");
    }
    for (JsonNode comment : request.path("comments")) {
      String path = comment.path("path").asText();
      if (changed.stream().noneMatch(file -> file.filename().equals(path)) || !comment.path("line").isInt()) {
        return Answer.error(422, "Unprocessable Entity: Path could not be resolved (" + path + ")");
      }
    }
    long id = ids.incrementAndGet();
    ObjectNode review = JSON.createObjectNode().put("id", id).put("body", request.path("body").asText(""))
        .put("state", state).put("commit_id", request.path("commit_id").asText(null))
        .put("html_url", htmlRoot + "/pull/" + number + "#pullrequestreview-" + id);
    review.putObject("user").put("login", BOT_LOGIN).put("type", "Bot");
    review.set("comments", request.path("comments").deepCopy());
    reviews.computeIfAbsent(number, n -> new ArrayList<>()).add(review);
    return Answer.ok(review);
  }

  synchronized Answer createComment(int number, JsonNode request) {
    if (!pulls.containsKey(number)) {
      return Answer.notFound();
    }
    long id = addIssueComment(number, BOT_LOGIN, request.path("body").asText(""));
    return Answer.created(commentById(id).orElseThrow());
  }

  synchronized Answer updateComment(long id, JsonNode request) {
    Optional<ObjectNode> comment = commentById(id);
    if (comment.isEmpty()) {
      return Answer.notFound();
    }
    if (!BOT_LOGIN.equals(comment.get().path("user").path("login").asText())) {
      return Answer.error(403, "Resource not accessible by integration");
    }
    comment.get().put("body", request.path("body").asText(""));
    return Answer.ok(comment.get());
  }

  private Optional<ObjectNode> commentById(long id) {
    return comments.values().stream().flatMap(List::stream).filter(c -> c.path("id").asLong() == id).findFirst();
  }

  synchronized Answer createGitObject(String type, JsonNode request) {
    String sha = sha1(type + " " + request);
    ObjectNode stored = request.deepCopy();
    stored.put("sha", sha);
    gitObjects.put(sha, stored);
    return Answer.created(JSON.createObjectNode().put("sha", sha).put("url", htmlRoot + "/git/" + sha));
  }

  synchronized Answer ref(String name) {
    String sha = refs.get(name);
    if (sha == null) {
      return Answer.notFound();
    }
    ObjectNode ref = JSON.createObjectNode().put("ref", name);
    ref.putObject("object").put("sha", sha).put("type", "commit");
    return Answer.ok(ref);
  }

  synchronized Answer createRef(JsonNode request) {
    String name = request.path("ref").asText();
    if (!name.startsWith("refs/") || refs.containsKey(name)) {
      return Answer.error(422, "Reference already exists or is invalid: " + name);
    }
    refs.put(name, request.path("sha").asText());
    return new Answer(201, ref(name).body(), Map.of());
  }

  synchronized Answer updateRef(String name, JsonNode request) {
    if (!refs.containsKey(name)) {
      return Answer.error(422, "Reference does not exist");
    }
    refs.put(name, request.path("sha").asText());
    return ref(name);
  }

  synchronized List<JsonNode> openPullsWithHead(String head) {
    List<JsonNode> matching = new ArrayList<>();
    for (ObjectNode pull : pulls.values()) {
      String label = pull.path("head").path("label").asText();
      if ("open".equals(pull.path("state").asText()) && (head == null || head.equals(label))) {
        matching.add(pull);
      }
    }
    return matching;
  }

  synchronized Answer createPull(JsonNode request) {
    String head = request.path("head").asText();
    String label = head.contains(":") ? head : owner() + ":" + head;
    if (!refs.containsKey("refs/heads/" + label.substring(label.indexOf(':') + 1))) {
      return Answer.error(422, "Validation Failed: head branch " + head + " does not exist");
    }
    if (!openPullsWithHead(label).isEmpty()) {
      return Answer.error(422, "Validation Failed: A pull request already exists for " + label);
    }
    int number = pulls.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    ObjectNode pull = pullNode(number, request.path("title").asText(), label.substring(label.indexOf(':') + 1),
        request.path("base").asText(), request.path("body").asText(""));
    pulls.put(number, pull);
    return Answer.created(pull);
  }

  synchronized Answer updatePull(int number, JsonNode request) {
    ObjectNode pull = pulls.get(number);
    if (pull == null) {
      return Answer.notFound();
    }
    request.fields().forEachRemaining(field -> {
      if (field.getKey().equals("title") || field.getKey().equals("body")) {
        pull.put(field.getKey(), field.getValue().asText());
      }
    });
    return Answer.ok(pull);
  }

  private ObjectNode pullNode(int number, String title, String headRef, String baseRef, String body) {
    ObjectNode pull = JSON.createObjectNode().put("number", number).put("state", "open").put("title", title)
        .put("body", body).put("html_url", htmlRoot + "/pull/" + number);
    pull.putObject("head").put("ref", headRef).put("label", owner() + ":" + headRef);
    pull.putObject("base").put("ref", baseRef);
    return pull;
  }

  private String owner() {
    return fullName.substring(0, fullName.indexOf('/'));
  }

  static ArrayNode array(List<? extends JsonNode> items) {
    ArrayNode array = JSON.createArrayNode();
    items.forEach(array::add);
    return array;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-1", e);
    }
  }
}
