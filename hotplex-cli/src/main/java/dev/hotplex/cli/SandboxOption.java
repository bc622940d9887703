package dev.hotplex.cli;

import dev.hotplex.sandbox.Sandbox;
import dev.hotplex.sandbox.SandboxMode;
import dev.hotplex.sandbox.SandboxUnavailableException;
import dev.hotplex.sandbox.Sandboxes;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --sandbox} option of the commands that start agents ({@code run}, {@code serve}). */
final class SandboxOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--sandbox", paramLabel = "MODE", defaultValue = "auto",
      description = "Run the agent inside bubblewrap (read-only root, writable workspace, private /tmp, own PID"
          + " namespace): off, auto (when bwrap works here) or required (fail when it does not)"
          + " (default: ${DEFAULT-VALUE}).")
  String mode;

  /** The sandbox for the option; "required" without a working bwrap is a usage error naming the fix. */
  Sandbox sandbox() {
    try {
      return Sandboxes.forMode(SandboxMode.parse(mode));
    } catch (IllegalArgumentException | SandboxUnavailableException unusable) {
      throw new ParameterException(command.commandLine(), "--sandbox " + mode + ": " + unusable.getMessage());
    }
  }
}
