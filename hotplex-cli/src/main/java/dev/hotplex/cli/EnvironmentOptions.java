package dev.hotplex.cli;

import dev.hotplex.session.SessionOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of the commands that start agents ({@code run}, {@code serve}) that widen the agent's allow-listed
 * environment or name more secrets to mask.
 */
final class EnvironmentOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--pass-env", paramLabel = "NAME",
      description = "Give the agent this variable of hotplex's environment too (repeatable), e.g. JAVA_HOME or"
          + " MAVEN_OPTS for the builds it runs. The agent otherwise gets only PATH, HOME, USER, LOGNAME, SHELL,"
          + " LANG, LC_*, TERM, TZ, TMPDIR, JAVA_HOME and its provider's key (default: none).")
  List<String> passEnv = new ArrayList<>();

  @Option(names = "--secret-env", paramLabel = "NAME",
      description = "Treat the value of this environment variable as a secret (repeatable): it is masked wherever"
          + " hotplex prints or stores text, like the API key always is. The agent gets the variable only if"
          + " --pass-env names it too (default: only the provider's key variables are masked).")
  List<String> secretEnv = new ArrayList<>();

  /**
   * Adds the named variables' values from {@code environment} to {@code options}.
   *
   * @throws ParameterException when a named variable is not set (or empty): nothing starts
   */
  void applyTo(SessionOptions.Builder options, Map<String, String> environment) {
    for (String name : passEnv) {
      options.environment(name, valueOf("--pass-env", name, environment));
    }
    for (String name : secretEnv) {
      options.addSecret(valueOf("--secret-env", name, environment));
    }
  }

  private String valueOf(String option, String name, Map<String, String> environment) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      throw new ParameterException(command.commandLine(), option + " " + name
          + ": the variable is not set (or empty) in this environment");
    }
    return value;
  }
}
