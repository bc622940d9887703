package dev.hotplex.cli.action;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The pull request an event is about.
 *
 * @param headSha the commit reviewed, or null when the event does not say (an issue comment on a pull request);
 *     then it is read from the API
 * @param headRef the branch the pull request comes from, or null when unknown
 */
record PullRequestRef(int number, String headSha, String headRef, String baseRef, String title) {

  /** The pull request in a {@code pulls/{number}} object, as events and the REST API write it. */
  static PullRequestRef of(JsonNode pull) {
    return new PullRequestRef(pull.path("number").asInt(), text(pull.path("head").path("sha")),
        text(pull.path("head").path("ref")), text(pull.path("base").path("ref")), text(pull.path("title")));
  }

  private static String text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }
}
