package dev.hotplex.cli.action;

import java.util.List;
import java.util.Map;

/** Mode {@code run}: the prompts, and with {@code post_comment} the final answer as the pull request's comment. */
final class RunMode {
  private RunMode() {}

  static ModeResult run(ModeContext c) throws InterruptedException {
    AgentRunner.Outcome outcome = c.runner().run(c.inputs().prompts());
    if (!outcome.ok()) {
      return ModeResult.failed(outcome.failure());
    }
    if (!c.commenting()) {
      return new ModeResult(List.of(), Map.of(), "");
    }
    try {
      var comment = StickyComments.upsert(c.repo(), c.pullRequest().number(), ActionMode.RUN.id(),
          "### hotplex\n\n" + c.stats().lastText().strip() + "\n\n" + c.footer() + "\n");
      return new ModeResult(List.of(), Map.of(ActionOutput.REVIEW_URL, comment.path("html_url").asText("")), "");
    } catch (GitHubApiException refused) {
      return ModeResult.failed("The answer could not be posted as a comment: " + refused.getMessage());
    }
  }
}
