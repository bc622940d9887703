package dev.hotplex.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds {@code bwrap} on a PATH and checks once per executable that it can really build a sandbox here: a
 * container without the needed privileges has a bwrap that fails at its first mount.
 */
final class BwrapProbe {

  /** How long the one-time check may take, in seconds (system property {@value #TIMEOUT_PROPERTY}). */
  static final long DEFAULT_TIMEOUT_SECONDS = 10;

  static final String TIMEOUT_PROPERTY = "hotplex.sandbox.probeTimeoutSeconds";

  /** Install hint used in every "missing" message. */
  static final String INSTALL_HINT = "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap;"
      + " Fedora/RHEL: dnf install bubblewrap; Alpine: apk add bubblewrap)";

  /** The outcome: {@code executable} is null when bwrap is absent; {@code problem} is null when it works. */
  record Result(Path executable, String version, String problem) {
    boolean works() {
      return executable != null && problem == null;
    }
  }

  private static final Map<Path, Result> CHECKED = new ConcurrentHashMap<>();

  private BwrapProbe() {}

  /** Looks for bwrap on {@code pathEnv} (a PATH value) and checks it, using the cached answer if there is one. */
  static Result probe(String pathEnv) {
    Path executable = find(pathEnv);
    if (executable == null) {
      return new Result(null, null,
          "bubblewrap (bwrap) was not found on PATH (" + pathEnv + "); " + INSTALL_HINT + ".");
    }
    return CHECKED.computeIfAbsent(executable, BwrapProbe::check);
  }

  static Path find(String pathEnv) {
    if (pathEnv == null) {
      return null;
    }
    for (String dir : pathEnv.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "bwrap");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    return null;
  }

  private static Result check(Path executable) {
    List<String> trial = new ArrayList<>(List.of(executable.toString()));
    trial.addAll(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
        "--unshare-pid", "--die-with-parent", "--cap-drop", "ALL", "--", "true"));
    Outcome run = run(trial);
    if (run.exitCode != 0) {
      return new Result(executable, null, "bubblewrap at " + executable + " cannot create a sandbox here (exit "
          + run.exitCode + "): " + run.output.strip() + ". In a container bwrap needs mount and PID namespaces"
          + " (e.g. run the container with --privileged or a seccomp/AppArmor profile that allows them).");
    }
    Outcome version = run(List.of(executable.toString(), "--version"));
    String text = version.exitCode == 0 ? version.output.strip() : "bwrap";
    return new Result(executable, text.isEmpty() ? "bwrap" : text, null);
  }

  private record Outcome(int exitCode, String output) {}

  private static Outcome run(List<String> command) {
    long timeout = Long.getLong(TIMEOUT_PROPERTY, DEFAULT_TIMEOUT_SECONDS);
    Process process = null;
    Path output = null;
    try {
      // Output goes to a file, not a pipe, so that a hanging bwrap cannot block us past the timeout.
      output = Files.createTempFile("hotplex-bwrap-probe", ".txt");
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!process.waitFor(timeout, TimeUnit.SECONDS)) {
        return new Outcome(-1, "did not finish within " + timeout + "s (" + TIMEOUT_PROPERTY + ")");
      }
      return new Outcome(process.exitValue(), new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Outcome(-1, "could not run it: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(-1, "interrupted while checking it");
    } finally {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
      deleteQuietly(output);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temp file is harmless
      }
    }
  }
}
