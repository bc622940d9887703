package dev.hotplex.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.Hotplex;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.session.Session;
import dev.hotplex.testkit.fakecli.FakeAgentCli.Mode;
import dev.hotplex.testkit.fakecli.FakeCliLauncher;
import dev.hotplex.testkit.model.ModelReply;
import dev.hotplex.testkit.model.ModelRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile agent output and input through the real parser paths: the test kit's fake CLI behind the real Claude
 * provider prints malformed JSON, invalid UTF-8, binary noise, a 50 MB line, a 200 MB flood, and message and
 * control types no Claude Code has sent yet; the real Claude Code CLI gets a 10 MB prompt. Every turn must end
 * as it should with nothing lost (the answer arrives whole), junk must be reported, and the heap must stay
 * bounded. (Policy files with errors and hostile path names: {@link HostileNamesTest}.)
 */
class HostileInputTest {
  static final int TRIALS = Trials.count("hostileTrials", 1, 5);
  /** The most the heap may keep after a trial, once collected (MB). */
  static final long RETAINED_LIMIT_MB = 32;
  @RegisterExtension
  static final Figures.Table TABLE = Figures.table(50, "hostile", "Hostile agent output and input",
      "input", "agent", "trials", "turns ended right, nothing lost", "junk reported", "peak heap (MB)",
      "heap kept after GC (MB)");

  @TempDir Path dir;
  @RegisterExtension final ClaudeRig rig = new ClaudeRig();

  /** One hostile behaviour of the fake CLI and how its junk must show. */
  private record Misbehaviour(String name, Mode mode, Predicate<List<AgentEvent>> reported, String suffix) {}

  @Test
  void misbehavingAgentOutputNeverLosesTheAnswerAndKeepsTheHeapBounded() throws Exception {
    List<Misbehaviour> cases = List.of(
        new Misbehaviour("malformed JSON, invalid UTF-8, control bytes", Mode.GARBAGE,
            events -> errors(events).size() >= 3, ""),
        new Misbehaviour("1 MB of binary noise", Mode.BINARY, events -> !errors(events).isEmpty(), ""),
        new Misbehaviour("a 50 MB single line", Mode.HUGE_LINE,
            events -> errors(events).stream().anyMatch(m -> m.contains("line cap")), ""),
        new Misbehaviour("a 200 MB stdout flood", Mode.FLOOD, events -> true, ""),
        new Misbehaviour("unknown message, block and control types", Mode.UNKNOWN_TYPES,
            events -> events.stream().filter(AgentEvents.Raw.class::isInstance).count() >= 2,
            " | control reply future_1 error: hotplex does not handle control request 'future_request'"));
    Path cli = FakeCliLauncher.write(dir.resolve("bin"), Mode.NORMAL);
    for (Misbehaviour hostile : cases) {
      int right = 0;
      int reported = 0;
      long peak = 0;
      long kept = 0;
      for (int i = 0; i < TRIALS; i++) {
        long before = Heap.usedAfterGc();
        Heap.resetPeak();
        String token = "hello-" + Trials.token();
        List<AgentEvent> kept_events = new CopyOnWriteArrayList<>();
        AtomicLong deltas = new AtomicLong();
        TurnResult result;
        try (Session session = Hotplex.session(rig.options().cliPath(cli).build())) {
          result = session.send("MODE:" + hostile.mode().cliName() + " " + token, event -> {
            if (event instanceof AgentEvents.TextDelta) {
              deltas.incrementAndGet(); // a flood is hundreds of thousands of them: count, do not keep
            } else {
              kept_events.add(event);
            }
          }).await(ClaudeRig.STEP).orElseThrow();
        }
        peak = Math.max(peak, Heap.peak());
        kept = Math.max(kept, Heap.usedAfterGc() - before);
        if (result.success() && result.text().equals("ECHO: " + token + hostile.suffix())) {
          right++;
        }
        if (hostile.reported().test(kept_events)) {
          reported++;
        }
      }
      TABLE.row(hostile.name(), "fake CLI", TRIALS, right, reported, peak, Math.max(0, kept));
      assertThat(right).as("%s: the answer arrived whole every time", hostile.name()).isEqualTo(TRIALS);
      assertThat(reported).as("%s: reported every time", hostile.name()).isEqualTo(TRIALS);
      assertThat(kept).as("%s: heap kept after the trial (MB)", hostile.name()).isLessThan(RETAINED_LIMIT_MB);
    }
  }

  @Test
  void tenMegabytePromptArrivesWholeOrIsRefusedClearly() throws Exception {
    Path cli = FakeCliLauncher.write(dir.resolve("bin"), Mode.NORMAL);
    int echoedWhole = 0;
    int whole = 0;
    int refused = 0;
    int usableAfter = 0;
    long peak = 0;
    long kept = 0;
    String wrong = null;
    for (int i = 0; i < TRIALS; i++) {
      String token = Trials.token();
      String prompt = tenMegabytes("BIG-" + token);
      rig.model.when(ModelRequest::lastUserTextContains, "BIG-" + token).once().replyWith(request ->
          ModelReply.text("LEN " + request.lastUserText().length()));
      long before = Heap.usedAfterGc();
      Heap.resetPeak();
      try (Session fake = Hotplex.session(rig.options().cliPath(cli).build())) {
        // The fake CLI echoes it: 10 MB in through the agent's stdin and back out through its stdout.
        TurnResult echoed = fake.send(prompt, null).await(ClaudeRig.STEP).orElseThrow();
        echoedWhole += echoed.success() && echoed.text().equals("ECHO: " + prompt) ? 1 : 0;
      }
      try (Session session = Hotplex.session(rig.options().build())) {
        TurnResult result = session.send(prompt, null).await(ClaudeRig.STEP).orElseThrow();
        if (result.success() && result.text().equals("LEN " + prompt.length())) {
          whole++;
        } else if (result.isError() && result.errorMessage() != null && !result.errorMessage().isBlank()) {
          refused++; // Claude Code 2.1.330 refuses it itself: "Prompt is too long"
        } else {
          wrong = String.valueOf(result);
        }
        usableAfter += session.send("and a short one", null).await(ClaudeRig.STEP).orElseThrow().success() ? 1 : 0;
      }
      prompt = null; // measured without the test's own copy
      peak = Math.max(peak, Heap.peak());
      kept = Math.max(kept, Heap.usedAfterGc() - before);
    }
    TABLE.row("a 10 MB prompt, echoed back by the fake CLI", "fake CLI", TRIALS, echoedWhole, "-", peak,
        Math.max(0, kept));
    TABLE.row("a 10 MB prompt (" + whole + " reached the model whole, " + refused + " refused by the CLI with a"
        + " clear error; the session answered the next turn " + usableAfter + " times)", "Claude Code", TRIALS,
        whole + refused, "-", peak, Math.max(0, kept));
    assertThat(echoedWhole).as("10 MB through hotplex's pipes and back, intact").isEqualTo(TRIALS);
    assertThat(whole + refused).as("whole or clearly refused, never cut: %s", wrong).isEqualTo(TRIALS);
    assertThat(usableAfter).isEqualTo(TRIALS);
    assertThat(kept).isLessThan(RETAINED_LIMIT_MB);
  }

  private static String tenMegabytes(String start) {
    StringBuilder text = new StringBuilder(start).append(' ');
    while (text.length() < 10 * 1024 * 1024) {
      text.append("lorem ipsum dolor sit amet ");
    }
    return text.append(start.replace("BIG", "END")).toString();
  }

  private static List<String> errors(List<AgentEvent> events) {
    return events.stream().filter(AgentEvents.Error.class::isInstance).map(e -> ((AgentEvents.Error) e).message())
        .toList();
  }
}
