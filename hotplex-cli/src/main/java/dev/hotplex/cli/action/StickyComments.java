package dev.hotplex.cli.action;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one comment per pull request and mode that hotplex keeps up to date instead of adding a new one on every run.
 * It is found again by a hidden marker, {@code <!-- hotplex:review -->} for reviews.
 */
final class StickyComments {
  private StickyComments() {}

  /** The hidden first line that identifies hotplex's comment of this {@code kind} (a mode id). */
  static String marker(String kind) {
    return "<!-- hotplex:" + kind + " -->";
  }

  /**
   * Updates the comment carrying the marker, or creates it; returns the comment. A marked comment that the token
   * may not edit (someone else wrote the marker) is left alone and a new one is created.
   *
   * @throws GitHubApiException when the comment can be neither updated nor created
   */
  static JsonNode upsert(GitHubRepo repo, int number, String kind, String body) {
    String text = marker(kind) + "\n" + body;
    for (JsonNode comment : repo.issueComments(number)) {
      if (comment.path("body").asText().startsWith(marker(kind))) {
        try {
          return repo.updateIssueComment(comment.path("id").asLong(), text);
        } catch (GitHubApiException notOurs) {
          if (notOurs.status() != 403 && notOurs.status() != 404) {
            throw notOurs;
          }
        }
      }
    }
    return repo.createIssueComment(number, text);
  }

  /** One line of run facts for the end of a comment: model, turns, tool calls, cost, time, link to the run. */
  static String footer(RunStats stats, String runUrl) {
    StringBuilder line = new StringBuilder("<sub>hotplex");
    if (stats.model() != null) {
      line.append(" · ").append(Markdown.cell(stats.model(), 60));
    }
    line.append(" · ").append(stats.modelTurns()).append(" model turns · ").append(stats.toolCalls())
        .append(" tool calls");
    if (stats.denied() > 0) {
      line.append(" (").append(stats.denied()).append(" denied)");
    }
    line.append(" · ").append(Markdown.cost(stats.costUsd())).append(" · ")
        .append(Markdown.duration(stats.durationMs()));
    if (runUrl != null) {
      line.append(" · [workflow run](").append(runUrl).append(')');
    }
    return line.append("</sub>").toString();
  }
}
