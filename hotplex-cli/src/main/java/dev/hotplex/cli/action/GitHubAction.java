package dev.hotplex.cli.action;

import dev.hotplex.cli.TempFolder;
import dev.hotplex.provider.ProviderRegistry;
import dev.hotplex.session.HotplexException;
import dev.hotplex.session.Session;
import dev.hotplex.session.SessionOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code hotplex action}, the entrypoint of hotplex's GitHub Action. Reads the inputs ({@code INPUT_*}) and the job
 * ({@code GITHUB_*}), masks the secrets before printing anything, checks everything before the agent starts, runs
 * the mode in one warm session, and always ends with the outputs, the step summary and, on failure, an
 * {@code ::error::} that says why: a run that did not do its job never ends green.
 *
 * <p>Exit status: 0 success; 1 the run failed (the agent, the findings, posting, the patch, a denied call with
 * {@code fail_on_denied}); 2 an input or the job's context is wrong (nothing started); 3 the agent could not start.
 */
public final class GitHubAction {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_INPUT = 2;
  public static final int EXIT_AGENT_ERROR = 3;

  private final Map<String, String> env;
  private final ProviderRegistry providers;
  private final Function<SessionOptions, Session> sessions;
  private final WorkflowCommands commands;
  private final String userAgent;

  /**
   * @param env the step's environment (inputs and {@code GITHUB_*} variables)
   * @param sessions opens the agent session (the real engine, or a scripted one in tests)
   * @param out the step's standard output: the log and the workflow commands
   * @param version hotplex's version, for the API's user agent
   */
  public GitHubAction(Map<String, String> env, ProviderRegistry providers, Function<SessionOptions, Session> sessions,
      PrintWriter out, String version) {
    this.env = Map.copyOf(env);
    this.providers = providers;
    this.sessions = sessions;
    this.commands = new WorkflowCommands(out);
    this.userAgent = "hotplex-action/" + version;
  }

  /** Runs the action; returns the exit status. */
  public int run() throws InterruptedException {
    InputReader reader = new InputReader(env);
    // Before anything is printed: the runner must know what to hide.
    ActionInputs.SECRET_INPUTS.forEach(input -> commands.addMask(reader.optional(input)));
    providers.ids().stream().map(id -> providers.get(id).apiKeyVariable()).filter(Objects::nonNull)
        .forEach(variable -> commands.addMask(env.get(variable)));
    commands.addMask(env.get("GITHUB_TOKEN"));
    ActionInputs inputs = ActionInputs.read(reader);
    List<String> contextProblems = new ArrayList<>();
    GitHubContext github = GitHubContext.from(env, contextProblems);
    List<ActionSetup.Problem> problems = new ArrayList<>();
    reader.problems().forEach(problem -> problems.add(ActionSetup.Problem.of(problem)));
    contextProblems.forEach(problem -> problems.add(ActionSetup.Problem.of(problem)));
    ActionSetup setup = problems.isEmpty() ? ActionSetup.resolve(inputs, github, providers, env, problems) : null;
    RunStats stats = new RunStats();
    StepFiles files = new StepFiles(github.outputFile(), github.summaryFile(), commands.masker());
    if (setup == null) {
      problems.forEach(problem -> commands.error(problem.message(), problem.at()));
      finish(files, inputs.mode(), problems.stream().map(ActionSetup.Problem::message).toList(), stats,
          new ModeResult(List.of(), Map.of(), ""));
      return EXIT_INPUT;
    }
    List<String> failures = new ArrayList<>();
    ModeResult result = new ModeResult(List.of(), Map.of(), "");
    int failedStatus = EXIT_FAILED;
    try (TempFolder home = TempFolder.create(github.tempDir(), "hotplex-agent-home-", "the agent's HOME")) {
      SessionOptions options = setup.sessionOptions(home.path(), Arrays.asList(inputs.githubToken()));
      try (AgentRunner runner = AgentRunner.open(options, inputs.maxTurns(),
          Duration.ofMinutes(inputs.timeoutMinutes()), sessions, commands, stats)) {
        result = runMode(setup, runner, stats);
      }
      failures.addAll(result.failures());
      if (inputs.failOnDenied() && stats.denied() > 0) {
        failures.add(stats.denied() + " tool call(s) were denied and fail_on_denied is true (see the step"
            + " summary for the calls and the rules that denied them).");
      }
    } catch (HotplexException cannotRun) {
      failures.add("The agent could not run: " + cannotRun.getMessage());
      failedStatus = EXIT_AGENT_ERROR;
    } catch (GitHubApiException | Git.GitException | UncheckedIOException | IllegalArgumentException failed) {
      failures.add(failed.getMessage());
    }
    failures.forEach(failure -> commands.error(failure, WorkflowCommands.Location.NONE));
    boolean recorded = finish(files, inputs.mode(), failures, stats, result);
    return failures.isEmpty() && recorded ? EXIT_OK : failures.isEmpty() ? EXIT_FAILED : failedStatus;
  }

  private ModeResult runMode(ActionSetup setup, AgentRunner runner, RunStats stats) throws InterruptedException {
    ActionInputs inputs = setup.inputs();
    GitHubRepo repo = inputs.githubToken() == null || setup.github().repository() == null ? null
        : new GitHubRepo(new GitHubClient(setup.github().apiUrl(), inputs.githubToken(), userAgent),
            setup.github().repository(), commands.masker());
    ModeContext context = new ModeContext(inputs, setup.github(), commands, stats, runner, repo,
        setup.pullRequest(), setup.repositoryRoot(), commands.masker());
    return switch (inputs.mode()) {
      case RUN -> RunMode.run(context);
      case REVIEW -> ReviewMode.run(context);
      case PATCH -> PatchMode.run(context, setup.patchFile());
    };
  }

  /** Outputs and summary, whatever happened; false (after an error) when they could not be written. */
  private boolean finish(StepFiles files, ActionMode mode, List<String> failures, RunStats stats, ModeResult result) {
    Map<ActionOutput, String> outputs = new EnumMap<>(ActionOutput.class);
    for (ActionOutput output : ActionOutput.values()) {
      outputs.put(output, "");
    }
    outputs.put(ActionOutput.RESULT, stats.lastText());
    outputs.put(ActionOutput.CONCLUSION, failures.isEmpty() ? "success" : "failure");
    outputs.put(ActionOutput.SESSION_ID, stats.sessionId() == null ? "" : stats.sessionId());
    outputs.put(ActionOutput.COST_USD, String.format(Locale.ROOT, "%.6f", stats.costUsd()));
    outputs.put(ActionOutput.DENIED_COUNT, String.valueOf(stats.denied()));
    outputs.putAll(result.outputs());
    try {
      files.writeOutputs(outputs);
      files.writeSummary(StepSummary.render(mode, failures, stats, result.summary()));
      return true;
    } catch (IOException unwritable) {
      commands.error("The step's outputs or summary could not be written: " + unwritable.getMessage(),
          WorkflowCommands.Location.NONE);
      return false;
    }
  }

}
