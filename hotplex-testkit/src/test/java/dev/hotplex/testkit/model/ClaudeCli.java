package dev.hotplex.testkit.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotplex.testkit.RealAgents;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: runs the real Claude Code CLI once against a {@link FakeModelServer}, offline, with an isolated HOME.
 * Tests using it are skipped (not failed) when the CLI is not installed.
 */
final class ClaudeCli {

    /** Hang guard for one CLI run; a cold run takes about a second, several on a loaded CI machine. */
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    /** What one run printed. */
    record Run(int exitCode, String stdout, String stderr) {
    }

    private final Path executable;

    private ClaudeCli(Path executable) {
        this.executable = executable;
    }

    /** The installed CLI, or a skipped test with a message saying how to install it. */
    static ClaudeCli installedOrSkip() {
        Optional<Path> executable = RealAgents.claude();
        assumeTrue(executable.isPresent(), RealAgents.NOT_INSTALLED);
        return new ClaudeCli(executable.get());
    }

    /** Runs {@code claude <args>} in {@code workDir} with HOME under {@code home}, pointed at {@code model}. */
    Run run(FakeModelServer model, Path home, Path workDir, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("ANTHROPIC_") || name.startsWith("CLAUDE"));
        env.put("HOME", home.toString());
        env.put("ANTHROPIC_BASE_URL", model.baseUrl());
        env.put("ANTHROPIC_API_KEY", "fake-key-for-tests");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        try {
            Path stdout = Files.createTempFile(home, "claude-stdout", ".txt");
            Path stderr = Files.createTempFile(home, "claude-stderr", ".txt");
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(process);
                throw new AssertionError("claude did not finish within " + RUN_TIMEOUT + "; stderr: "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void destroyTree(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
