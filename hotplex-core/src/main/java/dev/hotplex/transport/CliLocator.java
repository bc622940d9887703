package dev.hotplex.transport;

import dev.hotplex.provider.AgentProvider;
import dev.hotplex.session.AgentNotFoundException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a provider's CLI executable: the configured path if given, else {@code PATH}, else hotplex's install
 * folders ({@code <agents dir>/<provider id>/node_modules/.bin/<executable>}), where the agents dirs are
 * {@code $HOTPLEX_AGENTS_DIR}, the system property {@value #AGENTS_DIR_PROPERTY}, {@code ./.hotplex/agents} and
 * {@code ~/.hotplex/agents}, in that order.
 */
public final class CliLocator {
  public static final String AGENTS_DIR_VARIABLE = "HOTPLEX_AGENTS_DIR";
  public static final String AGENTS_DIR_PROPERTY = "hotplex.agents.dir";
  private static final Path DEFAULT_AGENTS_DIR = Path.of(".hotplex", "agents");

  private final Map<String, String> hostEnvironment;

  public CliLocator(Map<String, String> hostEnvironment) {
    this.hostEnvironment = Map.copyOf(hostEnvironment);
  }

  /**
   * The executable to run.
   *
   * @param configured an explicit path ({@code SessionOptions.cliPath}) or null to search
   * @throws AgentNotFoundException naming every place looked at and the command that installs the CLI
   */
  public Path locate(AgentProvider provider, Path configured) {
    if (configured != null) {
      if (!Files.isRegularFile(configured) || !Files.isExecutable(configured)) {
        throw new AgentNotFoundException("The configured CLI path " + configured.toAbsolutePath() + " for provider '"
            + provider.id() + "' " + (Files.exists(configured) ? "is not an executable file" : "does not exist")
            + ". Fix cliPath, or leave it unset to search PATH and hotplex's install folder.");
      }
      return configured.toAbsolutePath();
    }
    List<Path> installed = installCandidates(provider);
    for (Path candidate : concat(pathCandidates(provider), installed)) {
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    throw new AgentNotFoundException("The '" + provider.executableName() + "' CLI of provider '" + provider.id()
        + "' was not found on PATH nor at " + installed + ". Install it with: npm install --prefix .hotplex/agents/"
        + provider.id() + " " + provider.npmPackage() + "  (or run: scripts/install-agents " + provider.id()
        + "), or set cliPath or $" + AGENTS_DIR_VARIABLE + ".");
  }

  private List<Path> pathCandidates(AgentProvider provider) {
    List<Path> result = new ArrayList<>();
    for (String dir : hostEnvironment.getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        result.add(Path.of(dir, provider.executableName()));
      }
    }
    return result;
  }

  private List<Path> installCandidates(AgentProvider provider) {
    List<Path> result = new ArrayList<>();
    for (Path agentsDir : agentsDirs()) {
      result.add(agentsDir.resolve(provider.id()).resolve("node_modules").resolve(".bin")
          .resolve(provider.executableName()));
    }
    return result;
  }

  private static List<Path> concat(List<Path> first, List<Path> second) {
    List<Path> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** The install folders, most specific first, without duplicates. */
  public Set<Path> agentsDirs() {
    Set<Path> dirs = new LinkedHashSet<>();
    String variable = hostEnvironment.get(AGENTS_DIR_VARIABLE);
    if (variable != null && !variable.isBlank()) {
      dirs.add(Path.of(variable).toAbsolutePath().normalize());
    }
    String property = System.getProperty(AGENTS_DIR_PROPERTY);
    if (property != null && !property.isBlank()) {
      dirs.add(Path.of(property).toAbsolutePath().normalize());
    }
    dirs.add(DEFAULT_AGENTS_DIR.toAbsolutePath().normalize());
    String home = System.getProperty("user.home");
    if (home != null) {
      dirs.add(Path.of(home).resolve(DEFAULT_AGENTS_DIR).normalize());
    }
    return dirs;
  }
}
