package dev.hotplex.bench.report;

import dev.hotplex.bench.overhead.OverheadBench;
import dev.hotplex.bench.results.RunRecord;
import dev.hotplex.bench.results.ScalePoint;
import dev.hotplex.bench.stats.Series;
import dev.hotplex.bench.stats.Summary;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The sections about the engine's own costs: overhead per turn, JMH, scale. */
final class EngineSections extends Section {
  private static final double US = 1e3;
  private static final double MS = 1e6;

  EngineSections(Markdown md, Plots plots, String plotPrefix) {
    super(md, plots, plotPrefix);
  }

  void write(Optional<RunRecord> overhead, List<JmhResult> jmh, Optional<RunRecord> scale) throws IOException {
    overhead(overhead);
    jmh(jmh);
    scale(scale);
  }

  private void overhead(Optional<RunRecord> overhead) throws IOException {
    md.heading(2, "2. Engine overhead per turn, without a model");
    if (overhead.isEmpty()) {
      md.line("Not measured in this run.");
      return;
    }
    RunRecord run = overhead.get();
    md.line("The instant fake agent (`hotplex-bench/src/main/c/instant-agent.c`, three lines per turn) driven by a"
        + " warm hotplex session and by the raw pipe driver, interleaved. The raw time is the fake's own time plus"
        + " the pipes; hotplex's overhead is the difference (send, hand-off to the worker, JSON decoding, events,"
        + " locks, hand-off of the result).").blank();
    List<Series> series = ReportWriter.series(run, OverheadBench.HOTPLEX, OverheadBench.RAW);
    md.table(List.of("driver", "turns", "median us", "p90 us", "p99 us"),
        series.stream().map(s -> ReportWriter.summaryRow(s.label(), s.summary(), US)).toList());
    if (series.size() == 2) {
      Summary hotplex = series.get(0).summary();
      Summary raw = series.get(1).summary();
      md.line(String.format("Overhead (hotplex minus raw, per percentile): median %.1f us, p90 %.1f us, p99 %.1f us.",
          (hotplex.median() - raw.median()) / US, (hotplex.p90() - raw.p90()) / US,
          (hotplex.p99() - raw.p99()) / US)).blank();
    }
    md.image("engine overhead distribution", plotPrefix + plots.distribution("overhead", "Instant fake agent:"
        + " hotplex vs raw pipe", series, US, "us", true));
    ReportWriter.facts(md, run);
  }

  private void jmh(List<JmhResult> jmh) {
    md.heading(2, "3. Microbenchmarks (JMH)");
    if (jmh.isEmpty()) {
      md.line("Not measured in this run.");
      return;
    }
    md.line("`DecodeBenchmark`: Claude Code stdout lines through `ClaudeProtocol.onLine` (JSON parsing, control"
        + " routing, event decoding) on one thread, one line (one message) per operation; `recorded` is every"
        + " stdout line of the recorded transcripts (2.4 KB on average), `stream-events` only the `stream_event`"
        + " lines (about 300 bytes, one event each), the lines that make up most of a turn's output when partial"
        + " messages are on. `PolicyBenchmark`: one"
        + " decision through the provider's tool-call normalizer and the session's default"
        + " `PolicyPermissionHandler`, sampled per call; `ci` is the realistic mix (benign corpus commands 9 times"
        + " each, dangerous ones once, file tool calls), `benign` and `dangerous` the corpus files alone. The"
        + " policy numbers are also linked from [policy.md](policy.md).").blank();
    md.table(List.of("benchmark", "input", "score", "unit", "median", "p99"), jmh.stream().map(r -> List.of(
        r.benchmark(), r.param(), String.format("%,.2f", r.score()) + (Double.isNaN(r.error()) ? ""
            : String.format(" ± %,.2f", r.error())), r.unit(), Double.isNaN(r.p50()) ? "-"
            : String.format("%.2f", r.p50()), Double.isNaN(r.p99()) ? "-" : String.format("%.2f", r.p99())))
        .toList());
  }

  private void scale(Optional<RunRecord> scale) throws IOException {
    md.heading(2, "4. Scale: many sessions at once");
    if (scale.isEmpty()) {
      md.line("Not measured in this run.");
      return;
    }
    RunRecord run = scale.get();
    md.line("Each session has its own process of the instant fake agent. Idle: every session ran one turn (which"
        + " started its process) and waits. Active: every session runs its turns back to back, all at once; each"
        + " prompt names its session and turn and the agent echoes it, so a lost or misrouted event is counted."
        + " Memory and threads are deltas against the JVM before the step, divided by the sessions.").blank();
    md.table(List.of("sessions", "mode", "start s", "heap KiB/session", "RSS KiB/session", "platform threads/session",
        "turn median ms", "p90 ms", "p99 ms", "lost", "misrouted", "note"), run.points().stream().map(p -> List.of(
        Integer.toString(p.sessions()), p.mode(), String.format("%.1f", p.spawnSeconds()),
        String.format("%.1f", p.heapBytesPerSession() / 1024), String.format("%.0f", p.rssBytesPerSession() / 1024),
        String.format("%.2f", p.platformThreadsPerSession()), latency(p, Summary::median), latency(p, Summary::p90),
        latency(p, Summary::p99), Long.toString(p.lostEvents()), Long.toString(p.misroutedEvents()),
        p.note().isEmpty() ? "" : p.note())).toList());
    md.line("Live threads by kind while idle:").blank();
    run.points().stream().filter(p -> !p.threadsByKind().isEmpty())
        .forEach(p -> md.line("- " + p.sessions() + " " + p.mode() + ": " + p.threadsByKind()));
    md.blank();
    List<ScalePoint> idle = run.points().stream().filter(p -> p.mode().equals("idle") && p.completed()).toList();
    if (!idle.isEmpty()) {
      md.image("memory per idle session", plotPrefix + plots.scaleMemory("scale-memory", idle));
    }
    ReportWriter.facts(md, run);
  }

  private static String latency(ScalePoint point, java.util.function.ToLongFunction<Summary> percentile) {
    return point.latency() == null ? "-" : String.format("%.2f", percentile.applyAsLong(point.latency()) / MS);
  }
}
