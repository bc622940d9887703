package dev.hotplex.cli;

import dev.hotplex.provider.AgentProvider;
import dev.hotplex.provider.ProviderRegistry;
import dev.hotplex.session.AgentNotFoundException;
import dev.hotplex.transport.CliLocator;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hotplex agents list|install}: the pinned agent CLIs, installed from npm into a hotplex-owned folder. */
@Command(name = "agents", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "List or install the pinned agent CLIs.",
    subcommands = {AgentsCommand.ListAgents.class, AgentsCommand.InstallAgents.class})
final class AgentsCommand implements Callable<Integer> {
  /** How long {@code <cli> --version} may take before it is reported as not answering. */
  static final long VERSION_TIMEOUT_SECONDS = 20;

  @ParentCommand
  HotplexMain root;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "say what to do: hotplex agents list | install [ID...]");
  }

  ProviderRegistry providers() {
    return root.context().providers();
  }

  Map<String, String> environment() {
    return root.context().environment();
  }

  /** {@code hotplex agents list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Show each provider's pinned CLI, where it is installed and its version.")
  static final class ListAgents implements Callable<Integer> {
    @ParentCommand
    AgentsCommand agents;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      CliLocator locator = new CliLocator(agents.environment());
      for (String id : agents.providers().ids().stream().sorted().toList()) {
        AgentProvider provider = agents.providers().get(id);
        String where;
        try {
          Path cli = locator.locate(provider, null);
          where = cli + "  " + version(cli);
        } catch (AgentNotFoundException missing) {
          where = "not installed (hotplex agents install " + id + ")";
        }
        out.printf("%-9s %-36s %s%n", id, provider.npmPackage(), where);
      }
      out.flush();
      return HotplexMain.EXIT_OK;
    }

    private static String version(Path cli) throws InterruptedException {
      try {
        Process process = new ProcessBuilder(cli.toString(), "--version").redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return "(did not answer --version)";
        }
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return text.lines().findFirst().orElse("(no version printed)");
      } catch (IOException e) {
        return "(cannot run: " + e.getMessage() + ")";
      }
    }
  }

  /** {@code hotplex agents install [ID...]}. */
  @Command(name = "install", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Install the pinned CLIs from npm (default: all providers).")
  static final class InstallAgents implements Callable<Integer> {
    @ParentCommand
    AgentsCommand agents;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Providers to install (default: all).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "DIR",
        description = "The install folder (default: $HOTPLEX_AGENTS_DIR, else ~/.hotplex/agents); the engine looks"
            + " there for <DIR>/<id>/node_modules/.bin/<cli>.")
    Path dir;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter err = spec.commandLine().getErr();
      List<AgentProvider> selected = new ArrayList<>();
      for (String id : ids.isEmpty() ? agents.providers().ids().stream().sorted().toList() : ids) {
        try {
          selected.add(agents.providers().get(id));
        } catch (IllegalArgumentException unknown) {
          throw new ParameterException(spec.commandLine(), unknown.getMessage());
        }
      }
      Path target = installDir();
      for (AgentProvider provider : selected) {
        Path prefix = target.resolve(provider.id());
        err.println("[hotplex] installing " + provider.npmPackage() + " into " + prefix);
        err.flush();
        int status = npmInstall(prefix, provider.npmPackage());
        if (status != 0) {
          err.println("[hotplex] npm failed with exit code " + status + " for " + provider.npmPackage()
              + "; see its output above (network, registry or disk).");
          return HotplexMain.EXIT_ERROR;
        }
      }
      return HotplexMain.EXIT_OK;
    }

    private Path installDir() {
      if (dir != null) {
        return dir.toAbsolutePath().normalize();
      }
      String variable = agents.environment().get(CliLocator.AGENTS_DIR_VARIABLE);
      return variable != null && !variable.isBlank() ? Path.of(variable).toAbsolutePath().normalize()
          : Path.of(System.getProperty("user.home"), ".hotplex", "agents");
    }

    private int npmInstall(Path prefix, String npmPackage) throws InterruptedException {
      List<String> command = List.of(npm().toString(), "install", "--prefix", prefix.toString(), "--no-audit",
          "--no-fund", npmPackage);
      try {
        // npm's progress is dropped and its errors go to stderr, so stdout stays the command's own.
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT).start().waitFor();
      } catch (IOException e) {
        throw new ParameterException(spec.commandLine(), "cannot run npm: " + e.getMessage());
      }
    }

    /** npm on the PATH of the command's environment. */
    private Path npm() {
      for (String folder : agents.environment().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path candidate = folder.isEmpty() ? null : Path.of(folder, "npm");
        if (candidate != null && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
      throw new ParameterException(spec.commandLine(),
          "npm was not found on PATH. Install Node.js 18 or newer, which includes npm, then run this again.");
    }
  }
}
