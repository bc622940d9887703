package dev.hotplex.cli.action;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The pull request of mode {@code patch}: which branch, onto which base, with what title and text. */
final class PatchPullRequest {
  /** Branch names hotplex pushes to: no spaces, no {@code ..}, nothing git or a URL path would read specially. */
  static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");

  private PatchPullRequest() {}

  /** The branch the patch is for: the pull request's branch, else the branch the workflow runs on; or null. */
  static String base(GitHubContext github, PullRequestRef pr) {
    if (pr != null) {
      return pr.headRef();
    }
    return github.refName();
  }

  /** {@code patch_branch}, or {@code hotplex/patch-<base>}. */
  static String branch(String input, String base) {
    return input != null ? input : "hotplex/patch-" + base.replaceAll("[^A-Za-z0-9._-]", "-");
  }

  static boolean validBranch(String name) {
    return BRANCH.matcher(name).matches() && !name.contains("..") && !name.endsWith("/") && !name.endsWith(".lock")
        && !name.contains("//");
  }

  static void open(ModeContext c, WorkspaceChanges workspace, List<WorkspaceChanges.Change> changes,
      Map<ActionOutput, String> outputs, StringBuilder section, List<String> failures) {
    String base = base(c.github(), c.pullRequest());
    String branch = branch(c.inputs().patchBranch(), base);
    String firstLine = c.inputs().prompts().get(0).strip().lines().findFirst().orElse("changes");
    String title = "hotplex: " + (firstLine.length() > 72 ? firstLine.substring(0, 72) + "…" : firstLine);
    String body = "hotplex made these changes" + (c.github().runUrl() == null ? "" : " in [this workflow run]("
        + c.github().runUrl() + ")") + ". Review them like any other change.\n\n"
        + c.stats().lastText().strip() + "\n\n" + c.footer() + "\n";
    try {
      BranchPublisher.Published published = BranchPublisher.publish(c.repo(), workspace, changes, branch, base,
          title, body);
      outputs.put(ActionOutput.PULL_REQUEST_URL, published.url());
      section.append("\n").append(published.created() ? "Opened" : "Updated").append(" pull request [#")
          .append(published.number()).append("](").append(published.url()).append(") from branch ")
          .append(Markdown.code(branch, 200)).append(" into ").append(Markdown.code(base, 200)).append(".\n");
      if (c.commenting()) {
        StickyComments.upsert(c.repo(), c.pullRequest().number(), ActionMode.PATCH.id(), "### hotplex patch\n\n"
            + (published.created() ? "Opened" : "Updated") + " #" + published.number() + " with " + changes.size()
            + (changes.size() == 1 ? " changed file" : " changed files") + ".\n\n" + c.footer() + "\n");
      }
    } catch (GitHubApiException | Git.GitException failed) {
      failures.add("The pull request could not be opened (the patch file was written): " + failed.getMessage());
    }
  }
}
