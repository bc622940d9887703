package dev.hotplex.cli;

import dev.hotplex.cli.action.GitHubAction;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hotplex action}: the entrypoint of the GitHub Action; everything comes from the step's environment. */
@Command(name = "action", mixinStandardHelpOptions = true,
    header = "Run as the GitHub Action step (the entrypoint of hotplex's action image).",
    description = {
        "Reads the action's inputs from the INPUT_* variables and the job from the GITHUB_* variables that the"
            + " runner sets, runs the prompts in ONE warm, policed agent session, and writes the outputs"
            + " (GITHUB_OUTPUT), a step summary (GITHUB_STEP_SUMMARY) and workflow commands for errors.",
        "Modes: run (the prompts), review (a pull request review that hotplex posts: one review with inline"
            + " comments and one sticky summary comment; never an approval), patch (the agent's edits as a patch"
            + " file and, optionally, a pull request).",
        "The inputs, their defaults and the outputs are documented in action.yml and docs/action.md."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:the run succeeded",
        "1:the run failed (the agent, the findings, posting, the patch, a denied call with fail_on_denied)",
        "2:an input or the job's context is wrong; nothing was started",
        "3:the agent could not be started"})
final class ActionCommand implements Callable<Integer> {
  @ParentCommand
  HotplexMain root;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    CliContext context = root.context();
    return new GitHubAction(context.environment(), context.providers(), context.sessions(),
        spec.commandLine().getOut(), VersionProvider.load().getProperty("version", "unknown")).run();
  }
}
