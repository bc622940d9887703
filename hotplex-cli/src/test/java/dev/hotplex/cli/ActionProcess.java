package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code hotplex action} as its own process, like the runner runs the action's container: a real environment
 * (with the token the agent must never see), the step's standard output, and the exit status.
 */
final class ActionProcess {
  private ActionProcess() {}

  /** What the action printed and returned. */
  record Result(int status, String out, String err) {}

  /**
   * Runs the action with exactly {@code environment} (plus {@code PATH}) and waits at most {@code timeout}.
   *
   * @throws AssertionError when it does not end in time (it is killed first)
   */
  static Result run(Map<String, String> environment, Path logs, Duration timeout) throws IOException,
      InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(List.of(java,
        "-Dhotplex.agents.dir=" + System.getProperty("hotplex.agents.dir", ""),
        "-cp", System.getProperty("java.class.path"), HotplexMain.class.getName(), "action"));
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().putAll(environment);
    Files.createDirectories(logs);
    Path out = logs.resolve("stdout");
    Path err = logs.resolve("stderr");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      assertThat(false).as("hotplex action did not end within " + timeout + "; output:\n" + Files.readString(out)
          + Files.readString(err)).isTrue();
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
