package dev.hotplex.cli.action;

import dev.hotplex.transport.AgentEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code git} in the checkout for hotplex's own bookkeeping (never for the agent). The workspace of a Docker
 * action belongs to the runner's user while the container runs as root, so every call passes
 * {@code safe.directory=*}; nothing ever prompts for credentials.
 */
final class Git {
  /** Time limit of one git command; system property {@code hotplex.action.gitTimeoutSeconds}, default 120. */
  static final long TIMEOUT_SECONDS = Long.getLong("hotplex.action.gitTimeoutSeconds", 120);

  private final Path dir;
  private final Map<String, String> environment;

  /**
   * @param environment variables added for every call (e.g. {@code GIT_INDEX_FILE} for a private index)
   */
  Git(Path dir, Map<String, String> environment) {
    this.dir = dir;
    this.environment = Map.copyOf(environment);
  }

  /** A git for the same folder with these variables added. */
  Git with(Map<String, String> more) {
    Map<String, String> all = new java.util.HashMap<>(environment);
    all.putAll(more);
    return new Git(dir, all);
  }

  /** The standard output as text, without the final newline. */
  String text(String... args) {
    String out = new String(bytes(args), StandardCharsets.UTF_8);
    return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
  }

  /**
   * The standard output.
   *
   * @throws GitException when git fails, cannot start or does not finish in time
   */
  byte[] bytes(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-c", "safe.directory=*", "-C", dir.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    // git needs nothing of the job's environment (tokens included) beyond the basics.
    builder.environment().clear();
    builder.environment().putAll(AgentEnvironment.from(System.getenv()).build());
    builder.environment().putAll(environment);
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    try {
      Process process = builder.start();
      CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      byte[] out = readAll(process.getInputStream());
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new GitException("git " + String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new GitException("git " + String.join(" ", args) + " failed (exit " + process.exitValue() + "): "
            + new String(errors.join(), StandardCharsets.UTF_8).strip());
      }
      return out;
    } catch (IOException e) {
      throw new GitException("git could not run in " + dir + ": " + e.getMessage() + " (is git installed?)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitException("interrupted while git " + String.join(" ", args) + " ran");
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A git command failed; the message names the command and git's error output. */
  static final class GitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GitException(String message) {
      super(message);
    }
  }
}
