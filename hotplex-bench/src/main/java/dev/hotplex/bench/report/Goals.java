package dev.hotplex.bench.report;

import dev.hotplex.bench.latency.LatencyBench;
import dev.hotplex.bench.overhead.OverheadBench;
import dev.hotplex.bench.results.RunRecord;
import dev.hotplex.bench.results.ScalePoint;
import dev.hotplex.bench.stats.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Checks the measured numbers against the goals of issue 8 and the policy issue, all at the median unless named. */
final class Goals {
  static final double WARM_VS_RAW = 1.05;
  static final double WARM_VS_SDK = 1.0;
  static final double COLD_OVER_WARM = 15;
  static final double PREWARMED_OVER_COLD = 0.5;
  static final double OVERHEAD_MICROS = 100;
  static final double DECODE_PER_SECOND = 1_000_000;
  static final double POLICY_MEDIAN_MICROS = 2;
  static final double POLICY_P99_MICROS = 50;
  static final double HEAP_PER_IDLE_SESSION = 4 * 1024;

  /**
   * Why a goal can be missed, from the analysis of issue 8 (printed next to a missed goal, so a reader does not
   * have to guess). Keyed by the start of the goal's name.
   */
  static final Map<String, String> WHY_MISSED = Map.of(
      "hotplex warm / raw pipe", "hotplex's own cost per turn is section 2's overhead (tens of microseconds); a gap"
          + " of milliseconds lies between the two claude processes, which can differ by several percent for a whole"
          + " run (compare the plot and the other runs of this command)",
      "hotplex warm / Agent SDK", "the SDK runs claude with its own options and environment (listed in section 1);"
          + " when the raw pipe, hotplex's exact claude command with no engine at all, is slower than the SDK too, the"
          + " gap is the CLI's own work under those options, not hotplex's (section 2)",
      "cold / hotplex warm", "bounded by the CLI itself: a warm Claude Code turn still costs the CLI tens of"
          + " milliseconds of its own work (the raw pipe floor shows the same ratio), and hotplex adds well under"
          + " a millisecond to it",
      "pre-warmed first turn / cold", "the CLI does part of its start-up only when the first message arrives, and"
          + " the next standby spawns while the measured turn runs, sharing the CPUs",
      "engine overhead", "thread hand-offs (send to the worker, reader to the caller) wait for a CPU on a busy"
          + " machine",
      "decoding", "each line is parsed into a Jackson tree, which is about 90% of the time; the recorded lines"
          + " average 2.4 KB (system/init lists every tool and command), so 1M lines/s would need 2.4 GB/s of JSON;"
          + " the small stream-event lines, one event each, are far faster (table in section 3)",
      "policy decision", "every call is parsed by the shell analyser and tried against the rules, and the paths a"
          + " call names (about 40% of the CI mix) are resolved through the file system afresh at every decision:"
          + " the workspace's real path, then one lstat per name below it, each a system call; the tail adds GC"
          + " pauses and a busy machine (policy issue)",
      "heap per idle session", "each java.lang.Process holds about 24 KB of JDK objects, most of it its three"
          + " 8 KB pipe stream buffers (stdin, stdout, stderr); hotplex's own share is a few KB (two reader threads,"
          + " protocol and session state); 4 KB is below what one JDK process per session allows",
      "lost or misrouted", "a bug: see the scale table's notes");

  private Goals() {}

  /** The reason printed next to a missed goal, or an empty string. */
  static String whyMissed(Goal goal) {
    if (goal.status() != Goal.Status.MISSED) {
      return "";
    }
    return WHY_MISSED.entrySet().stream().filter(e -> goal.name().startsWith(e.getKey())).map(Map.Entry::getValue)
        .findFirst().orElse("");
  }

  static List<Goal> evaluate(Optional<RunRecord> latency, Optional<RunRecord> overhead, Optional<RunRecord> scale,
      List<JmhResult> jmh) {
    List<Goal> goals = new ArrayList<>();
    goals.addAll(latencyGoals(latency));
    goals.add(overheadGoal(overhead));
    goals.addAll(jmhGoals(jmh));
    goals.addAll(scaleGoals(scale));
    return goals;
  }

  static List<Goal> latencyGoals(Optional<RunRecord> run) {
    Optional<Double> warm = median(run, LatencyBench.HOTPLEX_WARM);
    Optional<Double> raw = median(run, LatencyBench.RAW_WARM);
    Optional<Double> sdk = median(run, LatencyBench.SDK_WARM);
    Optional<Double> prewarmed = median(run, LatencyBench.HOTPLEX_PREWARMED_FIRST);
    Optional<Double> cold = coldReference(run);
    List<Goal> goals = new ArrayList<>();
    goals.add(ratio("hotplex warm / raw pipe", "at most " + WARM_VS_RAW + "x", warm, raw, WARM_VS_RAW, true));
    goals.add(ratio("hotplex warm / Agent SDK", "at most " + WARM_VS_SDK + "x", warm, sdk, WARM_VS_SDK, true));
    goals.add(ratio("cold / hotplex warm", "at least " + COLD_OVER_WARM + "x", cold, warm, COLD_OVER_WARM, false));
    goals.add(ratio("pre-warmed first turn / cold", "at most " + PREWARMED_OVER_COLD + "x", prewarmed, cold,
        PREWARMED_OVER_COLD, true));
    return goals;
  }

  /** The fastest cold start measured (cold -p, cold stream-json, hotplex's cold first turn): the strictest base. */
  static Optional<Double> coldReference(Optional<RunRecord> run) {
    return Stream.of(LatencyBench.COLD_PRINT, LatencyBench.COLD_STREAM, LatencyBench.HOTPLEX_COLD_FIRST)
        .map(id -> median(run, id)).flatMap(Optional::stream).min(Comparator.naturalOrder());
  }

  private static Goal ratio(String name, String target, Optional<Double> numerator, Optional<Double> denominator,
      double limit, boolean atMost) {
    if (numerator.isEmpty() || denominator.isEmpty()) {
      return Goal.notMeasured(name, target);
    }
    double value = numerator.get() / denominator.get();
    String measured = String.format("%.2fx (%.1f ms / %.1f ms)", value, numerator.get() / 1e6,
        denominator.get() / 1e6);
    return atMost ? Goal.atMost(name, target, value, limit, measured)
        : Goal.atLeast(name, target, value, limit, measured);
  }

  static Goal overheadGoal(Optional<RunRecord> run) {
    String name = "engine overhead per turn (hotplex - raw, instant fake agent)";
    String target = "at most " + (int) OVERHEAD_MICROS + " us";
    Optional<Double> hotplex = median(run, OverheadBench.HOTPLEX);
    Optional<Double> raw = median(run, OverheadBench.RAW);
    if (hotplex.isEmpty() || raw.isEmpty()) {
      return Goal.notMeasured(name, target);
    }
    double micros = (hotplex.get() - raw.get()) / 1e3;
    return Goal.atMost(name, target, micros, OVERHEAD_MICROS, String.format("%.1f us", micros));
  }

  static List<Goal> jmhGoals(List<JmhResult> jmh) {
    List<Goal> goals = new ArrayList<>();
    String decodeTarget = "at least 1,000,000 per second per core";
    goals.add(find(jmh, "DecodeBenchmark.decodeLine", "recorded")
        .map(r -> Goal.atLeast("decoding, recorded Claude Code lines", decodeTarget, r.score(), DECODE_PER_SECOND,
            String.format("%,.0f lines/s", r.score())))
        .orElse(Goal.notMeasured("decoding, recorded Claude Code lines", decodeTarget)));
    Optional<JmhResult> policy = find(jmh, "PolicyBenchmark.decide", "ci");
    goals.add(policy.map(r -> Goal.atMost("policy decision, CI mix, median", "at most 2 us", r.p50(),
        POLICY_MEDIAN_MICROS, String.format("%.2f us", r.p50())))
        .orElse(Goal.notMeasured("policy decision, CI mix, median", "at most 2 us")));
    goals.add(policy.map(r -> Goal.atMost("policy decision, CI mix, p99", "at most 50 us", r.p99(),
        POLICY_P99_MICROS, String.format("%.2f us", r.p99())))
        .orElse(Goal.notMeasured("policy decision, CI mix, p99", "at most 50 us")));
    return goals;
  }

  static List<Goal> scaleGoals(Optional<RunRecord> run) {
    List<ScalePoint> points = run.map(RunRecord::points).orElse(List.of());
    List<Goal> goals = new ArrayList<>();
    String heapName = "heap per idle session";
    Optional<ScalePoint> largestIdle = points.stream().filter(p -> p.mode().equals("idle") && p.completed())
        .max(Comparator.comparingInt(ScalePoint::sessions));
    goals.add(largestIdle.map(p -> Goal.atMost(heapName + " (" + p.sessions() + " sessions)", "at most 4 KB",
        p.heapBytesPerSession(), HEAP_PER_IDLE_SESSION, String.format("%.1f KiB", p.heapBytesPerSession() / 1024)))
        .orElse(Goal.notMeasured(heapName, "at most 4 KB")));
    String eventsName = "lost or misrouted events under load";
    List<ScalePoint> active = points.stream().filter(p -> p.mode().equals("active")).toList();
    if (active.isEmpty()) {
      goals.add(Goal.notMeasured(eventsName, "zero"));
    } else {
      long bad = active.stream().mapToLong(p -> p.lostEvents() + p.misroutedEvents()).sum();
      boolean allRan = active.stream().allMatch(ScalePoint::completed);
      goals.add(new Goal(eventsName, "zero", bad + " in " + active.stream().mapToInt(ScalePoint::turns).sum()
          + " turns", bad == 0 && allRan ? Goal.Status.MET : Goal.Status.MISSED));
    }
    return goals;
  }

  static Optional<JmhResult> find(List<JmhResult> jmh, String benchmark, String param) {
    return jmh.stream().filter(r -> r.benchmark().equals(benchmark) && r.param().equals(param)).findFirst();
  }

  static Optional<Double> median(Optional<RunRecord> run, String id) {
    return run.flatMap(r -> r.series(id)).filter(s -> s.nanos().length > 0).map(Series::summary)
        .map(s -> (double) s.median());
  }
}
