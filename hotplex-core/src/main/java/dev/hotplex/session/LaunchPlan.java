package dev.hotplex.session;

import dev.hotplex.provider.AgentProvider;
import dev.hotplex.provider.AgentSettings;
import dev.hotplex.provider.LaunchSpec;
import dev.hotplex.secrets.SecretMasker;
import dev.hotplex.transport.AgentEnvironment;
import dev.hotplex.transport.CliLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a session starts its agent: the provider, the located executable and the options. {@link #launch} turns
 * settings into the exact command line, working directory and environment; two launches with equal
 * {@link Launch} values start indistinguishable processes, which is what pre-warming relies on.
 */
final class LaunchPlan {
  private final AgentProvider provider;
  private final SessionOptions options;
  private final Path executable;
  private final Map<String, String> hostEnvironment;
  private final SecretMasker secretMasker;

  private LaunchPlan(AgentProvider provider, SessionOptions options, Path executable,
      Map<String, String> hostEnvironment) {
    this.provider = provider;
    this.options = options;
    this.executable = executable;
    this.hostEnvironment = hostEnvironment;
    this.secretMasker = secretMaskerFor(options.agentSettings());
  }

  /**
   * Locates the CLI and checks the working directory.
   *
   * @throws AgentNotFoundException when the CLI is missing
   * @throws HotplexException when the working directory does not exist
   */
  static LaunchPlan resolve(AgentProvider provider, SessionOptions options) {
    if (!Files.isDirectory(options.workDir())) {
      throw new HotplexException("The working directory " + options.workDir() + " does not exist or is not a"
          + " directory. Create it or set workDir to an existing folder.");
    }
    Map<String, String> host = System.getenv();
    Path executable = new CliLocator(host).locate(provider, options.cliPath());
    return new LaunchPlan(provider, options, executable, host);
  }

  /**
   * Masks the values of the provider's secret variables as the agent receives them, and the session's declared
   * secrets. Computing the first launch here also makes invalid settings fail when the session opens.
   */
  private SecretMasker secretMaskerFor(AgentSettings settings) {
    LaunchSpec spec = provider.launchSpec(settings);
    Map<String, String> environment = environment(settings, spec);
    List<String> values = new ArrayList<>(options.secrets());
    for (String variable : spec.secretVariables()) {
      String value = environment.get(variable);
      if (value != null) {
        values.add(value);
      }
    }
    return SecretMasker.of(values);
  }

  SecretMasker secretMasker() {
    return secretMasker;
  }

  AgentProvider provider() {
    return provider;
  }

  SessionOptions options() {
    return options;
  }

  /** Everything that determines the process: equal launches start interchangeable processes. */
  record Launch(String providerId, List<String> command, Path workDir, Map<String, String> environment,
      AgentSettings settings) {}

  Launch launch(AgentSettings settings) {
    LaunchSpec spec = provider.launchSpec(settings);
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(spec.args());
    List<Path> writable = new ArrayList<>();
    if (settings.agentHome() != null) {
      writable.add(settings.agentHome());
    }
    if (settings.stateDir() != null) {
      writable.add(settings.stateDir());
    }
    writable.addAll(provider.writablePaths(settings));
    List<String> wrapped = options.sandbox().wrap(command, settings.workDir(), writable);
    return new Launch(provider.id(), List.copyOf(wrapped), settings.workDir(), environment(settings, spec), settings);
  }

  /** The agent's environment: the host's allow-listed variables, then the provider's and the session's. */
  private Map<String, String> environment(AgentSettings settings, LaunchSpec spec) {
    AgentEnvironment environment = AgentEnvironment.from(hostEnvironment)
        .pass(spec.passThroughVariables())
        .pass(options.passEnvironment());
    if (settings.agentHome() != null) {
      environment.set("HOME", settings.agentHome().toString());
    }
    return environment.set(spec.environment()).set(options.environment()).build();
  }

  /**
   * A hint when a CLI died at start-up and its API key is missing: empty when the key is set or a base URL is
   * configured (a fake or proxy endpoint may need no key).
   */
  String missingKeyHint(Launch launch) {
    String variable = provider.apiKeyVariable();
    if (variable == null || launch.environment().containsKey(variable) || launch.settings().baseUrl() != null) {
      return "";
    }
    return " " + variable + " is not set for the agent and no baseUrl is configured: export " + variable
        + " on the host (hotplex passes it through) or set baseUrl.";
  }
}
