package dev.hotplex.cli.action;

import dev.hotplex.cli.BaseUrlConverter;
import dev.hotplex.policy.ToolPattern;
import java.util.List;
import picocli.CommandLine.TypeConversionException;

/**
 * The action's inputs, typed and checked for form (numbers, booleans, tool patterns, URLs). Whether they fit the
 * workspace and the event (a folder exists, a pull request to review) is checked later, against the context.
 *
 * @param prompts the prompts, run one after another in one warm session
 * @param allowedTools the tools to allow: the input, or the mode's default when it is empty
 * @param policy a policy file relative to the workspace, or null for the shipped policy
 * @param maxTurns most model turns per prompt; 0 means no limit
 * @param baseUrl a model gateway (the endpoint root), or null for the provider's API
 * @param patchBranch the branch for the patch's pull request, or null for the default
 */
record ActionInputs(List<String> prompts, ActionMode mode, String provider, String model, List<String> allowedTools,
    List<String> disallowedTools, String workDir, String policy, int timeoutMinutes, int maxTurns, String baseUrl,
    String anthropicApiKey, String githubToken, boolean postComment, boolean failOnDenied, List<String> allowedPaths,
    String patchFile, boolean openPullRequest, String patchBranch) {

  /** The longest run {@code timeout_minutes} accepts: GitHub stops any job after 6 hours. */
  static final int MAX_TIMEOUT_MINUTES = 360;
  /** The most model turns {@code max_turns} accepts. */
  static final int MAX_TURNS_LIMIT = 1000;
  /** Inputs whose values are masked before anything is printed. */
  static final List<ActionInput> SECRET_INPUTS = List.of(ActionInput.ANTHROPIC_API_KEY, ActionInput.GITHUB_TOKEN);

  /** Reads every input; problems go to {@code in}'s list, and the result is only valid if there are none. */
  static ActionInputs read(InputReader in) {
    ActionMode mode = ActionMode.parse(in.text(ActionInput.MODE));
    if (mode == null) {
      in.problem(ActionInput.MODE, "must be run, review or patch, not '" + in.text(ActionInput.MODE) + "'");
      mode = ActionMode.RUN;
    }
    List<String> prompts = in.prompts(ActionInput.PROMPT);
    if (prompts.isEmpty() && mode != ActionMode.REVIEW) {
      in.problem(ActionInput.PROMPT, "is required in mode " + mode.id() + ": say what the agent should do"
          + " (several prompts: separate them with a line holding only ---)");
    }
    List<String> allowed = tools(in, ActionInput.ALLOWED_TOOLS);
    return new ActionInputs(prompts, mode, in.text(ActionInput.PROVIDER), in.optional(ActionInput.MODEL),
        allowed.isEmpty() ? mode.defaultAllowedTools : allowed, tools(in, ActionInput.DISALLOWED_TOOLS),
        in.text(ActionInput.WORK_DIR), in.optional(ActionInput.POLICY),
        in.integer(ActionInput.TIMEOUT_MINUTES, 1, MAX_TIMEOUT_MINUTES),
        in.integer(ActionInput.MAX_TURNS, 0, MAX_TURNS_LIMIT), baseUrl(in),
        in.optional(ActionInput.ANTHROPIC_API_KEY), in.optional(ActionInput.GITHUB_TOKEN),
        in.bool(ActionInput.POST_COMMENT), in.bool(ActionInput.FAIL_ON_DENIED), in.list(ActionInput.ALLOWED_PATHS),
        in.text(ActionInput.PATCH_FILE), in.bool(ActionInput.OPEN_PULL_REQUEST),
        in.optional(ActionInput.PATCH_BRANCH));
  }

  private static List<String> tools(InputReader in, ActionInput input) {
    List<String> tools = in.list(input);
    try {
      ToolPattern.parseAll(tools);
    } catch (IllegalArgumentException malformed) {
      in.problem(input, "has a bad tool pattern: " + malformed.getMessage());
    }
    return tools;
  }

  private static String baseUrl(InputReader in) {
    String url = in.optional(ActionInput.BASE_URL);
    if (url == null) {
      return null;
    }
    try {
      return new BaseUrlConverter().convert(url);
    } catch (TypeConversionException invalid) {
      in.problem(ActionInput.BASE_URL, invalid.getMessage());
      return null;
    }
  }
}
