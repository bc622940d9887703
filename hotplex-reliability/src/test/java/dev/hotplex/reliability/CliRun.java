package dev.hotplex.reliability;

import dev.hotplex.cli.HotplexMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The {@code hotplex} command in a JVM of its own, as a CI job runs it: exit code, stdout and stderr. */
record CliRun(int exitCode, String stdout, String stderr) {
  private static final Duration LIMIT = Duration.ofMinutes(5);

  /**
   * Runs {@code hotplex <args>} in {@code dir} with the host environment plus {@code environment}.
   *
   * @throws IllegalStateException when it does not end within five minutes (it is then killed)
   */
  static CliRun hotplex(Path dir, Map<String, String> environment, List<String> args)
      throws IOException, InterruptedException {
    return hotplex(dir, environment, args, LIMIT);
  }

  /** Like {@link #hotplex(Path, Map, List)} with another time limit. */
  static CliRun hotplex(Path dir, Map<String, String> environment, List<String> args, Duration limit)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), HotplexMain.class.getName()));
    command.addAll(args);
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("hotplex " + args + " did not end within " + limit);
    }
    return new CliRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
