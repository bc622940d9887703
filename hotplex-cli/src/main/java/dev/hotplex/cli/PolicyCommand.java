package dev.hotplex.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hotplex policy}: the parent of the policy tools. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Work with hotplex tool policies.",
    subcommands = PolicyCheckCommand.class, commandListHeading = "%nCommands:%n")
final class PolicyCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    String known = String.join(", ", spec.subcommands().keySet());
    throw new ParameterException(spec.commandLine(), known.isEmpty()
        ? "'hotplex policy' has no subcommands in this build yet"
        : "Missing subcommand: one of " + known);
  }
}
