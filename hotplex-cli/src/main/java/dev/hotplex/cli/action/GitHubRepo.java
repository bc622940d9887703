package dev.hotplex.cli.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.secrets.SecretMasker;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST endpoints of one repository that the action calls. Reviews are always posted with event
 * {@value #REVIEW_EVENT}: hotplex never approves a pull request and never requests changes on its own authority.
 */
final class GitHubRepo {
  /** The only review event hotplex sends. */
  static final String REVIEW_EVENT = "COMMENT";

  private final GitHubClient client;
  private final String root;
  private final String owner;
  private final SecretMasker masker;

  /**
   * @param masker masks every text hotplex writes to GitHub (comments, review, pull request, commit message):
   *     whatever the agent wrote passes through it
   */
  GitHubRepo(GitHubClient client, String fullName, SecretMasker masker) {
    this.client = client;
    this.root = "/repos/" + fullName;
    this.owner = fullName.substring(0, fullName.indexOf('/'));
    this.masker = masker;
  }

  JsonNode pullRequest(int number) {
    return client.get(root + "/pulls/" + number);
  }

  List<JsonNode> pullRequestFiles(int number) {
    return client.list(root + "/pulls/" + number + "/files");
  }

  List<JsonNode> reviews(int number) {
    return client.list(root + "/pulls/" + number + "/reviews");
  }

  /** Posts one review with inline comments ({@code path}, {@code line}, {@code side}, {@code body} each). */
  JsonNode createReview(int number, String commitId, String body, List<Map<String, Object>> comments) {
    Map<String, Object> review = new LinkedHashMap<>();
    review.put("commit_id", commitId);
    review.put("event", REVIEW_EVENT);
    review.put("body", masker.mask(body));
    List<Map<String, Object>> masked = new java.util.ArrayList<>();
    for (Map<String, Object> comment : comments) {
      Map<String, Object> copy = new LinkedHashMap<>(comment);
      copy.put("body", masker.mask(String.valueOf(comment.get("body"))));
      masked.add(copy);
    }
    review.put("comments", masked);
    return client.post(root + "/pulls/" + number + "/reviews", review);
  }

  List<JsonNode> issueComments(int number) {
    return client.list(root + "/issues/" + number + "/comments");
  }

  JsonNode createIssueComment(int number, String body) {
    return client.post(root + "/issues/" + number + "/comments", Map.of("body", masker.mask(body)));
  }

  JsonNode updateIssueComment(long id, String body) {
    return client.patch(root + "/issues/comments/" + id, Map.of("body", masker.mask(body)));
  }

  /** The commit {@code branch} points at, or empty when there is no such branch. */
  Optional<String> branchHead(String branch) {
    return client.find(root + "/git/ref/heads/" + branch).map(ref -> ref.path("object").path("sha").asText());
  }

  String createBlob(byte[] content) {
    return client.post(root + "/git/blobs", Map.of("content", Base64.getEncoder().encodeToString(content),
        "encoding", "base64")).path("sha").asText();
  }

  /** A tree: {@code baseTree} with {@code entries} ({@code path}, {@code mode}, {@code type}, {@code sha}) applied. */
  String createTree(String baseTree, List<Map<String, Object>> entries) {
    return client.post(root + "/git/trees", Map.of("base_tree", baseTree, "tree", entries)).path("sha").asText();
  }

  String createCommit(String message, String tree, String parent) {
    return client.post(root + "/git/commits", Map.of("message", masker.mask(message), "tree", tree,
        "parents", List.of(parent))).path("sha").asText();
  }

  void createBranch(String branch, String sha) {
    client.post(root + "/git/refs", Map.of("ref", "refs/heads/" + branch, "sha", sha));
  }

  /** Points {@code branch} at {@code sha}, even when that drops commits (the branch is hotplex's own). */
  void moveBranch(String branch, String sha) {
    client.patch(root + "/git/refs/heads/" + branch, Map.of("sha", sha, "force", true));
  }

  /** The open pull request from {@code branch} of this repository, if there is one. */
  Optional<JsonNode> openPullRequestFrom(String branch) {
    return client.list(root + "/pulls?state=open&head=" + owner + ":" + branch).stream().findFirst();
  }

  JsonNode createPullRequest(String title, String branch, String base, String body) {
    return client.post(root + "/pulls", Map.of("title", masker.mask(title), "head", branch, "base", base,
        "body", masker.mask(body)));
  }

  JsonNode updatePullRequest(int number, String title, String body) {
    return client.patch(root + "/pulls/" + number, Map.of("title", masker.mask(title),
        "body", masker.mask(body)));
  }
}
