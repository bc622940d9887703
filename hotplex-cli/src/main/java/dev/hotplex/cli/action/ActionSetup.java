package dev.hotplex.cli.action;

import dev.hotplex.policy.Policy;
import dev.hotplex.policy.PolicyFileException;
import dev.hotplex.provider.AgentProvider;
import dev.hotplex.provider.ProviderRegistry;
import dev.hotplex.provider.claude.ClaudeProvider;
import dev.hotplex.sandbox.ParentWatch;
import dev.hotplex.sandbox.SandboxMode;
import dev.hotplex.sandbox.Sandboxes;
import dev.hotplex.session.SessionOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Checks the inputs against the job (the workspace, the event, the provider) before anything starts, and resolves
 * what the run needs. Every problem is collected, with a location when it is in a file.
 *
 * @param workDir the agent's working directory, inside the workspace
 * @param repositoryRoot the root of the git checkout around the working directory (the workspace without git)
 * @param patchFile where mode {@code patch} writes the patch
 */
record ActionSetup(ActionInputs inputs, GitHubContext github, AgentProvider provider, String apiKey, Policy policy,
    Path workDir, Path repositoryRoot, PullRequestRef pullRequest, Path patchFile) {

  /** One problem that stops the action before it starts. */
  record Problem(String message, WorkflowCommands.Location at) {
    static Problem of(String message) {
      return new Problem(message, WorkflowCommands.Location.NONE);
    }
  }

  /** The setup, or null when {@code problems} got any. */
  static ActionSetup resolve(ActionInputs in, GitHubContext github, ProviderRegistry providers,
      Map<String, String> env, List<Problem> problems) {
    int before = problems.size();
    AgentProvider provider = null;
    try {
      provider = providers.get(in.provider());
    } catch (IllegalArgumentException unknown) {
      problems.add(Problem.of("Input 'provider': " + unknown.getMessage()));
    }
    String apiKey = provider == null ? null : apiKey(in, provider, env, problems);
    Path workDir = inside(github.workspace(), in.workDir(), "work_dir", problems);
    if (workDir != null && !Files.isDirectory(workDir)) {
      problems.add(Problem.of("Input 'work_dir': " + in.workDir() + " is not a directory of the workspace"));
    }
    Policy policy = policy(in, github, problems);
    PullRequestRef pr = github.pullRequest().orElse(null);
    Path root = workDir == null ? null : repositoryRoot(workDir, github.workspace());
    Path patchFile = inside(github.workspace(), in.patchFile(), "patch_file", problems);
    checkGitHub(in, github, pr, problems);
    if (in.mode() == ActionMode.PATCH && root != null && !Files.exists(root.resolve(".git"))) {
      problems.add(Problem.of("Mode patch needs a git checkout around work_dir (" + in.workDir() + "): run"
          + " actions/checkout first"));
    }
    return problems.size() > before ? null
        : new ActionSetup(in, github, provider, apiKey, policy, workDir, root, pr, patchFile);
  }

  private static String apiKey(ActionInputs in, AgentProvider provider, Map<String, String> env,
      List<Problem> problems) {
    String variable = provider.apiKeyVariable();
    String key = ClaudeProvider.ID.equals(provider.id()) && in.anthropicApiKey() != null ? in.anthropicApiKey()
        : variable == null ? null : env.get(variable);
    if ((key == null || key.isBlank()) && in.baseUrl() == null) {
      problems.add(Problem.of(ClaudeProvider.ID.equals(provider.id())
          ? "Input 'anthropic_api_key' is required: add 'anthropic_api_key: ${{ secrets.ANTHROPIC_API_KEY }}'"
              + " to the step (or set base_url to a gateway that needs no key)"
          : "Provider " + provider.id() + " needs its key in the step's environment: add 'env: " + variable
              + ": ${{ secrets." + variable + " }}' (or set base_url)"));
      return null;
    }
    return key == null || key.isBlank() ? null : key;
  }

  private static void checkGitHub(ActionInputs in, GitHubContext github, PullRequestRef pr, List<Problem> problems) {
    boolean needsApi = in.mode() == ActionMode.REVIEW || in.openPullRequest() || (in.postComment() && pr != null);
    if (in.mode() == ActionMode.REVIEW && pr == null) {
      problems.add(Problem.of("Mode review needs a pull request: run it on pull_request (or pull_request_target)"
          + " events; this run's event is '" + github.eventName() + "'"));
    }
    if (needsApi && in.githubToken() == null) {
      problems.add(Problem.of("Input 'github_token' is empty, but this run posts to GitHub: keep its default"
          + " (${{ github.token }}) or pass a token"));
    }
    if (needsApi && github.repository() == null) {
      problems.add(Problem.of("GITHUB_REPOSITORY is not set: hotplex cannot tell which repository to post to"));
    }
    if (in.mode() == ActionMode.PATCH && in.openPullRequest()) {
      String base = PatchPullRequest.base(github, pr);
      if (base == null) {
        problems.add(Problem.of("Input 'open_pull_request': the branch the patch is for is unknown (no"
            + " GITHUB_REF_NAME, no pull request branch); run the workflow on a branch"));
      } else if (!PatchPullRequest.validBranch(PatchPullRequest.branch(in.patchBranch(), base))) {
        problems.add(Problem.of("Input 'patch_branch': '" + PatchPullRequest.branch(in.patchBranch(), base)
            + "' is not a branch name hotplex pushes to (letters, digits, '.', '_', '-', '/')"));
      }
    }
  }

  private static Policy policy(ActionInputs in, GitHubContext github, List<Problem> problems) {
    if (in.policy() == null) {
      return Policy.defaults();
    }
    Path file = inside(github.workspace(), in.policy(), "policy", problems);
    if (file == null) {
      return null;
    }
    if (!Files.isRegularFile(file)) {
      problems.add(Problem.of("Input 'policy': " + in.policy() + " is not a file of the workspace"));
      return null;
    }
    try {
      return Policy.load(file);
    } catch (PolicyFileException broken) {
      String relative = github.workspace().relativize(file).toString();
      problems.add(new Problem("Policy file " + relative + ": " + broken.problem(),
          new WorkflowCommands.Location(relative, broken.line())));
      return null;
    }
  }

  /** {@code path} resolved in the workspace, or null (with a problem) when it leaves it. */
  private static Path inside(Path workspace, String path, String input, List<Problem> problems) {
    if (workspace == null) {
      return null;
    }
    Path resolved = workspace.resolve(path).normalize();
    if (!resolved.startsWith(workspace)) {
      problems.add(Problem.of("Input '" + input + "': " + path + " is outside the workspace"));
      return null;
    }
    return resolved;
  }

  /** The git top level around {@code dir}, or the workspace when there is none. */
  private static Path repositoryRoot(Path dir, Path workspace) {
    for (Path candidate = dir; candidate != null && candidate.startsWith(workspace);
        candidate = candidate.getParent()) {
      if (Files.exists(candidate.resolve(".git"))) {
        return candidate;
      }
    }
    return workspace;
  }

  /**
   * The agent's session: the mode's tools, the policy and jail rooted at the working directory, the sandbox where
   * the machine has one, a private HOME, and the key as the only secret in its environment (the GitHub token is
   * never given to it).
   */
  SessionOptions sessionOptions(Path agentHome, Iterable<String> secrets) {
    SessionOptions.Builder options = SessionOptions.builder()
        .provider(provider.id())
        .workDir(workDir)
        .allowedTools(inputs.allowedTools())
        .disallowedTools(inputs.disallowedTools())
        .model(inputs.model())
        .maxTurns(inputs.maxTurns())
        .baseUrl(inputs.baseUrl())
        .agentHome(agentHome)
        .policy(policy)
        .sandbox(ParentWatch.aroundThisProcess(Sandboxes.forMode(SandboxMode.AUTO)))
        .turnTimeout(Duration.ofMinutes(inputs.timeoutMinutes()))
        // The checkout belongs to the runner's user while the container runs as root; git refuses such a
        // repository unless told it is safe (GIT_CONFIG_* counts as command-line configuration).
        .environment("GIT_CONFIG_COUNT", "1")
        .environment("GIT_CONFIG_KEY_0", "safe.directory")
        .environment("GIT_CONFIG_VALUE_0", "*");
    if (apiKey != null && provider.apiKeyVariable() != null) {
      options.environment(provider.apiKeyVariable(), apiKey);
    }
    secrets.forEach(secret -> {
      if (secret != null) {
        options.addSecret(secret);
      }
    });
    return options.build();
  }

  /** A private HOME for the agent in the runner's temp folder. */
}
