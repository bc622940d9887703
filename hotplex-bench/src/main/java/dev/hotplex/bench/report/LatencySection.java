package dev.hotplex.bench.report;

import static dev.hotplex.bench.latency.LatencyBench.COLD_PRINT;
import static dev.hotplex.bench.latency.LatencyBench.COLD_STREAM;
import static dev.hotplex.bench.latency.LatencyBench.HOTPLEX_COLD_FIRST;
import static dev.hotplex.bench.latency.LatencyBench.HOTPLEX_PREWARMED_FIRST;
import static dev.hotplex.bench.latency.LatencyBench.HOTPLEX_WARM;
import static dev.hotplex.bench.latency.LatencyBench.RAW_WARM;
import static dev.hotplex.bench.latency.LatencyBench.SDK_WARM;

import dev.hotplex.bench.results.RunRecord;
import dev.hotplex.bench.stats.Series;
import dev.hotplex.bench.stats.Summary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The end-to-end latency section: table, ratios, plots and the exact command lines. */
final class LatencySection extends Section {
  private static final double MS = 1e6;

  LatencySection(Markdown md, Plots plots, String plotPrefix) {
    super(md, plots, plotPrefix);
  }

  void write(Optional<RunRecord> latency) throws IOException {
    md.heading(2, "1. End-to-end turn latency with the real Claude Code CLI");
    if (latency.isEmpty()) {
      md.line("Not measured in this run (the `latency` step did not run or failed).");
      return;
    }
    RunRecord run = latency.get();
    md.line("Real `claude` binary, the test kit's fake model answering at once. Span: from handing over the prompt"
        + " to the `result` event (cold drivers start their process inside the span). hotplex, the raw pipe and"
        + " the cold stream-json driver run claude with the same arguments and environment: the raw and cold"
        + " drivers copy them from hotplex's own agent process (`/proc/<pid>/cmdline` and `environ`). The Agent SDK"
        + " gets the same executable, environment, settings sources, a catch-all PreToolUse hook and a"
        + " permission callback, as hotplex has; its own arguments are listed below.").blank();
    List<Series> all = ReportWriter.series(run, COLD_PRINT, COLD_STREAM, HOTPLEX_COLD_FIRST, HOTPLEX_PREWARMED_FIRST,
        HOTPLEX_WARM, RAW_WARM, SDK_WARM);
    md.table(List.of("driver", "turns", "median ms", "p90 ms", "p99 ms"),
        all.stream().map(s -> ReportWriter.summaryRow(s.label(), s.summary(), MS)).toList());
    ratios(run);
    List<Series> warm = ReportWriter.series(run, HOTPLEX_WARM, RAW_WARM, SDK_WARM);
    md.image("warm turn latency distribution", plotPrefix + plots.distribution("latency-warm",
        "Warm turns: cumulative distribution", warm, MS, "ms", false));
    md.image("latency percentiles of every driver", plotPrefix + plots.percentiles("latency-all",
        "Median, p90 and p99 per driver", all, MS, "ms"));
    ReportWriter.facts(md, run);
  }

  private void ratios(RunRecord run) {
    List<List<String>> rows = new ArrayList<>();
    addRatio(rows, run, "hotplex warm / raw pipe", HOTPLEX_WARM, RAW_WARM);
    addRatio(rows, run, "hotplex warm / Agent SDK", HOTPLEX_WARM, SDK_WARM);
    addRatio(rows, run, "cold -p / hotplex warm", COLD_PRINT, HOTPLEX_WARM);
    addRatio(rows, run, "cold stream-json / hotplex warm", COLD_STREAM, HOTPLEX_WARM);
    addRatio(rows, run, "hotplex pre-warmed first turn / hotplex cold first turn", HOTPLEX_PREWARMED_FIRST,
        HOTPLEX_COLD_FIRST);
    addRatio(rows, run, "hotplex pre-warmed first turn / cold stream-json", HOTPLEX_PREWARMED_FIRST, COLD_STREAM);
    md.line("Ratios (the goals use the medians and, for \"cold\", the fastest of the three cold starts):").blank();
    md.table(List.of("ratio", "at the median", "at p90", "at p99"), rows);
  }

  private static void addRatio(List<List<String>> rows, RunRecord run, String name, String top, String bottom) {
    Optional<Summary> a = run.series(top).map(Series::summary);
    Optional<Summary> b = run.series(bottom).map(Series::summary);
    if (a.isPresent() && b.isPresent()) {
      rows.add(List.of(name, ratio(a.get().median(), b.get().median()), ratio(a.get().p90(), b.get().p90()),
          ratio(a.get().p99(), b.get().p99())));
    }
  }

  private static String ratio(double a, double b) {
    return String.format("%.2fx", a / b);
  }
}
