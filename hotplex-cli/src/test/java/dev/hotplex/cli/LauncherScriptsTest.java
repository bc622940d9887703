package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bash scripts at the repository root: {@code ./hotplex} and {@code scripts/install-agents}. */
class LauncherScriptsTest {
  private static final Path PROJECT = Path.of(System.getProperty("hotplex.project.dir"));

  @TempDir
  Path temp;
  private Path bin;
  private String pinnedVersion;

  @BeforeEach
  void fakeNpmAndPinnedVersion() throws IOException {
    Matcher pinned = Pattern.compile("<claude.code.version>([^<]+)</claude.code.version>")
        .matcher(Files.readString(PROJECT.resolve("pom.xml")));
    assertThat(pinned.find()).isTrue();
    pinnedVersion = pinned.group(1);
    bin = Files.createDirectories(temp.resolve("bin"));
    // A stand-in for npm: records its arguments and "installs" by creating the executable the script checks for.
    executable(bin.resolve("npm"), "#!/bin/bash\necho \"$@\" > \"" + temp.resolve("npm-args") + "\"\n"
        + "mkdir -p \"$3/node_modules/.bin\" && touch \"$3/node_modules/.bin/claude\""
        + " && chmod +x \"$3/node_modules/.bin/claude\"\n");
  }

  private static void executable(Path file, String content) throws IOException {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private record Result(int status, String output) {}

  private Result run(Map<String, String> environment, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  @Test
  void installAgentsInstallsThePinnedVersionFromThePomIntoTheProjectFolder() throws Exception {
    Path agents = temp.resolve("agents");

    Result result = run(Map.of("HOTPLEX_AGENTS_DIR", agents.toString()), "scripts/install-agents", "claude");

    assertThat(result.status()).as(result.output()).isZero();
    assertThat(Files.readString(temp.resolve("npm-args")).strip()).isEqualTo("install --prefix "
        + agents.resolve("claude") + " --no-audit --no-fund @anthropic-ai/claude-code@" + pinnedVersion);
  }

  @Test
  void installAgentsSkipsAnInstalledPinnedVersion() throws Exception {
    Path claude = temp.resolve("agents/claude/node_modules");
    Files.createDirectories(claude.resolve("@anthropic-ai/claude-code"));
    Files.writeString(claude.resolve("@anthropic-ai/claude-code/package.json"),
        "{\n  \"name\": \"@anthropic-ai/claude-code\",\n  \"version\": \"" + pinnedVersion + "\"\n}\n");
    Files.createDirectories(claude.resolve(".bin"));
    executable(claude.resolve(".bin/claude"), "#!/bin/sh\n");

    Result result = run(Map.of("HOTPLEX_AGENTS_DIR", temp.resolve("agents").toString()),
        "scripts/install-agents", "claude");

    assertThat(result.status()).isZero();
    assertThat(result.output()).contains("claude " + pinnedVersion + " is already installed");
    assertThat(temp.resolve("npm-args")).doesNotExist();
  }

  @Test
  void installAgentsRejectsAnUnknownAgent() throws Exception {
    Result result = run(Map.of("HOTPLEX_AGENTS_DIR", temp.toString()), "scripts/install-agents", "copilot");

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.output()).contains("unknown agent 'copilot'; known: claude codex opencode gemini, all");
  }

  @Test
  void launcherRefusesAJavaHomeWithoutJava() throws Exception {
    Result result = run(Map.of("JAVA_HOME", temp.toString()), "./hotplex", "--version");

    assertThat(result.status()).isEqualTo(HotplexMain.EXIT_ERROR);
    assertThat(result.output()).contains("JAVA_HOME is set to '" + temp + "', but it has no bin/java");
  }

  @Test
  void launcherRefusesJavaOlderThan17() throws Exception {
    Path javaHome = temp.resolve("jdk11");
    Files.createDirectories(javaHome.resolve("bin"));
    executable(javaHome.resolve("bin/java"), "#!/bin/sh\necho '    java.specification.version = 11' >&2\n");

    Result result = run(Map.of("JAVA_HOME", javaHome.toString()), "./hotplex", "--version");

    assertThat(result.status()).isEqualTo(HotplexMain.EXIT_ERROR);
    assertThat(result.output()).contains("Java 17 or newer is needed", "is Java 11");
    assertThat(result.output()).doesNotContain("building");
  }
}
