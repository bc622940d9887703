package dev.hotplex.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.PermissionHandler;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.bench.results.Scratch;
import dev.hotplex.provider.claude.ClaudeProvider;
import dev.hotplex.session.SessionOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One policy decision, through the path a session uses: Claude Code's tool name and input normalized by the
 * provider ({@code ClaudeProvider.toolCall}), then the session's default {@code PolicyPermissionHandler} (tool
 * patterns, the shipped policy, the shell analyser and the symlink-resolving workspace jail). Sampled per call, so
 * the result is a distribution (median, p99), over a fixed, shuffled mix.
 *
 * <p>Mixes: {@code ci} is what a CI agent mostly asks: every benign command of the policy corpus nine times, every
 * dangerous one once (about 1 in 8 calls is dangerous), plus file tool calls (Read, Edit, Write, Grep, Glob) inside
 * and outside the workspace; {@code benign} and {@code dangerous} are the two corpus files alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class PolicyBenchmark {
  private static final int BENIGN_WEIGHT = 9;
  private static final long SHUFFLE_SEED = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Param({"ci", "benign", "dangerous"})
  public String mix;

  private Path base;
  private ToolCall[] calls;
  private PermissionHandler handler;
  private int next;

  @Setup
  public void setUp() throws IOException {
    base = Files.createTempDirectory("hotplex-bench-policy");
    Path workspace = Files.createDirectories(base.resolve("ws").resolve("src")).getParent();
    Path home = Files.createDirectories(base.resolve("home"));
    handler = SessionOptions.builder()
        .workDir(workspace)
        .agentHome(home)
        .addAllowedTools("Bash", "Read", "Edit", "Write", "Grep", "Glob")
        .build()
        .permissionHandler();
    calls = mix(mix, workspace).toArray(ToolCall[]::new);
  }

  @TearDown
  public void tearDown() throws IOException {
    Scratch.deleteTree(base);
  }

  static List<ToolCall> mix(String name, Path workspace) {
    ClaudeProvider claude = new ClaudeProvider();
    List<ToolCall> mix = new ArrayList<>();
    List<String> benign = BenchResources.corpus("benign.txt");
    List<String> dangerous = BenchResources.corpus("dangerous.txt");
    switch (name) {
      case "benign" -> benign.forEach(c -> mix.add(bash(claude, c, workspace)));
      case "dangerous" -> dangerous.forEach(c -> mix.add(bash(claude, c, workspace)));
      case "ci" -> {
        for (int i = 0; i < BENIGN_WEIGHT; i++) {
          benign.forEach(c -> mix.add(bash(claude, c, workspace)));
        }
        dangerous.forEach(c -> mix.add(bash(claude, c, workspace)));
        mix.addAll(fileCalls(claude, workspace));
      }
      default -> throw new IllegalArgumentException("unknown mix " + name);
    }
    Collections.shuffle(mix, new Random(SHUFFLE_SEED));
    return mix;
  }

  private static List<ToolCall> fileCalls(ClaudeProvider claude, Path workspace) {
    List<ToolCall> calls = new ArrayList<>();
    for (int i = 0; i < BENIGN_WEIGHT; i++) {
      calls.add(tool(claude, "Read", workspace, "file_path", "src/App.java"));
      calls.add(tool(claude, "Edit", workspace, "file_path", "src/App.java", "old_string", "a", "new_string", "b"));
      calls.add(tool(claude, "Write", workspace, "file_path", "target/report.txt", "content", "ok"));
      calls.add(tool(claude, "Grep", workspace, "pattern", "TODO", "path", "src"));
      calls.add(tool(claude, "Glob", workspace, "pattern", "**/*.java"));
    }
    calls.add(tool(claude, "Read", workspace, "file_path", "~/.ssh/id_rsa"));
    calls.add(tool(claude, "Write", workspace, "file_path", "/etc/cron.d/x", "content", "* * * * * root sh"));
    calls.add(tool(claude, "Edit", workspace, "file_path", "../other/pom.xml", "old_string", "a", "new_string", "b"));
    return calls;
  }

  private static ToolCall bash(ClaudeProvider claude, String command, Path workspace) {
    return tool(claude, "Bash", workspace, "command", command);
  }

  private static ToolCall tool(ClaudeProvider claude, String name, Path workspace, String... fields) {
    ObjectNode input = JSON.createObjectNode();
    for (int i = 0; i < fields.length; i += 2) {
      input.put(fields[i], fields[i + 1]);
    }
    return claude.toolCall(name, input, workspace);
  }

  @Benchmark
  public PermissionDecision decide() {
    ToolCall call = calls[next];
    next = next + 1 == calls.length ? 0 : next + 1;
    return handler.decide(call);
  }
}
