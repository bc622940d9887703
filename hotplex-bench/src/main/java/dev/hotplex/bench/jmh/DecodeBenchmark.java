package dev.hotplex.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.provider.AgentProtocol;
import dev.hotplex.provider.AgentSettings;
import dev.hotplex.provider.ProtocolPeer;
import dev.hotplex.provider.claude.ClaudeProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding throughput of Claude Code's stdout on one thread: every stdout line of the recorded Claude Code 2.1.330
 * transcripts (system/init, assistant text and tool calls, tool results, stream events, can_use_tool requests,
 * results) through the real path, {@code ClaudeProtocol.onLine}: JSON parsing, control routing and event decoding.
 * One operation is one line (one message); the permission requests are answered at once by the peer, as a policy would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DecodeBenchmark {
  private static final String[] TRANSCRIPTS = {
      "claude_default_mode_two_turns.jsonl", "claude_default_mode_two_turns_b.jsonl",
      "claude_include_partial_messages.jsonl", "claude_interrupt_mid_turn.jsonl",
      "claude_model_api_unreachable.jsonl", "claude_resume_in_new_process.jsonl",
      "claude_stdio_deny_with_interrupt.jsonl", "claude_stdio_permission_allow.jsonl",
      "claude_stdio_permission_allow_rewritten_input.jsonl", "claude_stdio_permission_deny.jsonl"};

  /**
   * {@code recorded}: every stdout line of the transcripts (2.4 KB on average: system/init alone lists every tool
   * and command); {@code stream-events}: only the {@code stream_event} lines (model deltas, about 200 bytes), the
   * bulk of a turn's output with {@code --include-partial-messages}.
   */
  @Param({"recorded", "stream-events"})
  public String lines;

  private String[] selected;
  private AgentProtocol protocol;
  private int next;

  @Setup
  public void setUp(Blackhole blackhole) {
    List<String> all = stdoutLines();
    selected = ("stream-events".equals(lines) ? all.stream().filter(l -> l.contains("\"type\":\"stream_event\""))
        .toList() : all).toArray(String[]::new);
    Path cwd = Path.of("/workspace/project");
    AgentSettings settings = new AgentSettings(cwd, null, null, null, null, 0, null, null, null, null, false, null,
        null, null, null, null);
    protocol = new ClaudeProvider().newProtocol(settings, new SinkPeer(blackhole));
  }

  /** The CLI's stdout lines ({@code "dir":"out"}) of the recorded transcripts, as the CLI printed them. */
  static List<String> stdoutLines() {
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    for (String transcript : TRANSCRIPTS) {
      for (String record : BenchResources.lines("transcripts/" + transcript)) {
        try {
          JsonNode node = json.readTree(record);
          if ("out".equals(node.path("dir").asText())) {
            out.add(json.writeValueAsString(node.get("msg")));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  /** One line per operation, the recorded lines in turn. */
  @Benchmark
  public void decodeLine() {
    protocol.onLine(selected[next]);
    next = next + 1 == selected.length ? 0 : next + 1;
  }

  /** Consumes whatever the protocol reports, and allows every tool call at once. */
  private record SinkPeer(Blackhole blackhole) implements ProtocolPeer {
    @Override
    public void send(String line) {
      blackhole.consume(line);
    }

    @Override
    public void emit(AgentEvent event) {
      blackhole.consume(event);
    }

    @Override
    public void turnCompleted(TurnResult result) {
      blackhole.consume(result);
    }

    @Override
    public CompletionStage<PermissionDecision> requestPermission(ToolCall call) {
      return CompletableFuture.completedFuture(PermissionDecision.allow("bench", "allowed"));
    }
  }
}
