package dev.hotplex.bench.latency;

import dev.hotplex.transport.ProcessTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact command line, environment and working directory of a running process, read from {@code /proc}. The
 * raw and cold drivers start claude with what hotplex's own agent process got, so that every driver runs the same
 * CLI the same way and the ratios compare drivers, not flags.
 *
 * @param argv the arguments, the executable first
 * @param environment the environment, without hotplex's per-process marker variable
 * @param workDir the working directory
 */
public record AgentCommand(List<String> argv, Map<String, String> environment, Path workDir) {

  public AgentCommand {
    argv = List.copyOf(argv);
    environment = Map.copyOf(environment);
  }

  /** Reads {@code /proc/<pid>/cmdline}, {@code environ} and {@code cwd}. */
  public static AgentCommand ofProcess(long pid) throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    List<String> argv = nulSeparated(Files.readAllBytes(proc.resolve("cmdline")));
    Map<String, String> environment = new LinkedHashMap<>();
    for (String entry : nulSeparated(Files.readAllBytes(proc.resolve("environ")))) {
      int eq = entry.indexOf('=');
      if (eq > 0 && !entry.startsWith(ProcessTransport.MARKER_VARIABLE + "=")) {
        environment.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return new AgentCommand(argv, environment, proc.resolve("cwd").toRealPath());
  }

  /** The same process with other arguments after the executable. */
  public AgentCommand withArguments(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(argv.get(0));
    command.addAll(arguments);
    return new AgentCommand(command, environment, workDir);
  }

  /** The arguments after the executable. */
  public List<String> arguments() {
    return argv.subList(1, argv.size());
  }

  /** A process builder for this command; stderr is discarded (the drivers read only stdout). */
  public ProcessBuilder processBuilder() {
    ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().clear();
    builder.environment().putAll(environment);
    return builder;
  }

  private static List<String> nulSeparated(byte[] data) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < data.length; i++) {
      if (data[i] == 0) {
        parts.add(new String(data, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start < data.length) {
      parts.add(new String(data, start, data.length - start, StandardCharsets.UTF_8));
    }
    return parts;
  }
}
