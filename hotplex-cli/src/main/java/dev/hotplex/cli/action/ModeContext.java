package dev.hotplex.cli.action;

import dev.hotplex.secrets.SecretMasker;
import java.nio.file.Path;

/**
 * What a mode works with, checked and resolved before the agent starts.
 *
 * @param repo the repository's API, or null when there is no token or repository (nothing can be posted)
 * @param pullRequest the event's pull request, or null
 * @param repositoryRoot the root of the checkout the agent works in (paths of findings and patches are relative
 *     to it)
 */
record ModeContext(ActionInputs inputs, GitHubContext github, WorkflowCommands commands, RunStats stats,
    AgentRunner runner, GitHubRepo repo, PullRequestRef pullRequest, Path repositoryRoot, SecretMasker masker) {

  /** The one-line facts for the end of a comment. */
  String footer() {
    return StickyComments.footer(stats, github.runUrl());
  }

  /**
   * Where an annotation points for a path relative to the repository root: GitHub resolves annotation paths
   * against the workspace, and the checkout may sit in a folder of it.
   */
  WorkflowCommands.Location location(String path, int line) {
    String prefix = github.workspace().relativize(repositoryRoot).toString().replace('\\', '/');
    return new WorkflowCommands.Location(prefix.isEmpty() ? path : prefix + "/" + path, line);
  }

  /** Whether results go to the pull request as comments. */
  boolean commenting() {
    return inputs.postComment() && pullRequest != null && repo != null;
  }
}
