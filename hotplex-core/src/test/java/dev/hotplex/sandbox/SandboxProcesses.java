package dev.hotplex.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Runs wrapped commands in tests and looks for leftover processes via /proc. */
final class SandboxProcesses {
  static final long TIMEOUT_SECONDS = 60;

  private SandboxProcesses() {}

  /**
   * Skips the test unless bwrap is on PATH and works here; fails it instead where {@code HOTPLEX_REQUIRE_SANDBOX}
   * is {@code true} ({@code .ci/run} sets it, as it installs bubblewrap).
   */
  static void assumeBwrapWorks() {
    BwrapProbe.Result probe = BwrapProbe.probe(System.getenv("PATH"));
    if (!probe.works() && Boolean.parseBoolean(System.getenv("HOTPLEX_REQUIRE_SANDBOX"))) {
      throw new IllegalStateException("HOTPLEX_REQUIRE_SANDBOX is set but bwrap does not work: " + probe.problem());
    }
    assumeTrue(probe.works(), () -> "bwrap is not usable here, sandbox test skipped: " + probe.problem());
  }

  record Run(int exitCode, String output) {}

  static Run run(List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("sandboxed command did not finish: " + argv);
      }
      return new Run(process.exitValue(), output);
    } finally {
      process.destroyForcibly();
    }
  }

  /** Processes whose whole command line is {@code commandLine} (arguments joined by spaces), from /proc. */
  static long countProcessesRunning(String commandLine) throws IOException {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> commandLine(p).equals(commandLine))
          .count();
    }
  }

  private static String commandLine(Path procDir) {
    try {
      byte[] raw = Files.readAllBytes(procDir.resolve("cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    } catch (IOException e) {
      return "";  // the process ended while we looked
    }
  }

  /** Polls until {@code condition} holds or the generous timeout passes; returns whether it held. */
  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }
}
