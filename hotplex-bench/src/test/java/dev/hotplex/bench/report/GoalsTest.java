package dev.hotplex.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.bench.latency.LatencyBench;
import dev.hotplex.bench.overhead.OverheadBench;
import dev.hotplex.bench.results.RunRecord;
import dev.hotplex.bench.results.ScalePoint;
import dev.hotplex.bench.stats.Series;
import dev.hotplex.bench.stats.Summary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoalsTest {
  static Series constant(String id, long nanos) {
    return new Series(id, id, new long[] {nanos, nanos, nanos});
  }

  static RunRecord run(String bench, List<Series> series, List<ScalePoint> points) {
    return new RunRecord(bench, "java", "2026-01-01T00:00:00Z", "0.10 0.10 0.10", "0.10 0.10 0.10", 1, Map.of(),
        series, points);
  }

  static RunRecord latency(long warm, long raw, long sdk, long coldPrint, long coldStream, long hotplexCold,
      long prewarmed) {
    return run("latency", List.of(constant(LatencyBench.HOTPLEX_WARM, warm), constant(LatencyBench.RAW_WARM, raw),
        constant(LatencyBench.SDK_WARM, sdk), constant(LatencyBench.COLD_PRINT, coldPrint),
        constant(LatencyBench.COLD_STREAM, coldStream), constant(LatencyBench.HOTPLEX_COLD_FIRST, hotplexCold),
        constant(LatencyBench.HOTPLEX_PREWARMED_FIRST, prewarmed)), List.of());
  }

  @Test
  void latencyGoalsCompareMediansAndUseTheFastestColdStart() {
    List<Goal> goals = Goals.latencyGoals(Optional.of(latency(30, 29, 31, 600, 480, 500, 200)));

    assertThat(goals).extracting(Goal::status).containsExactly(Goal.Status.MET, Goal.Status.MET,
        Goal.Status.MET, Goal.Status.MET);
    assertThat(goals.get(2).measured()).startsWith("16.00x"); // 480 (cold stream-json, the fastest) / 30
    assertThat(goals.get(3).measured()).startsWith("0.42x"); // 200 / 480
  }

  @Test
  void aSlowerHotplexMissesItsGoals() {
    List<Goal> goals = Goals.latencyGoals(Optional.of(latency(40, 30, 35, 500, 500, 500, 300)));

    assertThat(goals).extracting(Goal::status).containsExactly(Goal.Status.MISSED, Goal.Status.MISSED,
        Goal.Status.MISSED, Goal.Status.MISSED);
  }

  @Test
  void aBenchmarkThatDidNotRunIsNotMeasuredRatherThanMet() {
    List<Goal> goals = Goals.evaluate(Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    assertThat(goals).isNotEmpty().allSatisfy(g -> assertThat(g.status()).isEqualTo(Goal.Status.NOT_MEASURED));
  }

  @Test
  void overheadIsHotplexMinusRawAtTheMedian() {
    RunRecord overhead = run("overhead", List.of(constant(OverheadBench.HOTPLEX, 150_000),
        constant(OverheadBench.RAW, 20_000)), List.of());

    Goal goal = Goals.overheadGoal(Optional.of(overhead));

    assertThat(goal.measured()).isEqualTo("130.0 us");
    assertThat(goal.status()).isEqualTo(Goal.Status.MISSED);
  }

  @Test
  void policyGoalsReadTheSampledPercentilesOfTheCiMix() {
    List<JmhResult> jmh = List.of(
        new JmhResult("PolicyBenchmark.decide", "benign", 9, 0, "us/op", 100, 100),
        new JmhResult("PolicyBenchmark.decide", "ci", 3, 0, "us/op", 1.5, 40),
        new JmhResult("DecodeBenchmark.decodeLine", "recorded", 900_000, 0, "ops/s", Double.NaN, Double.NaN));

    List<Goal> goals = Goals.jmhGoals(jmh);

    assertThat(goals).extracting(Goal::status).containsExactly(Goal.Status.MISSED, Goal.Status.MET,
        Goal.Status.MET);
  }

  @Test
  void scaleGoalsUseTheLargestCompletedIdleStepAndEveryActiveStep() {
    List<ScalePoint> points = List.of(
        new ScalePoint(100, "idle", true, 1, 3_000, 3, 0, "", 0, null, 0, 0, ""),
        new ScalePoint(1000, "idle", true, 10, 3_900, 3, 0, "", 0, null, 0, 0, ""),
        new ScalePoint(5000, "idle", false, 900, 0, 0, 0, "", 0, null, 0, 0, "time limit"),
        new ScalePoint(1000, "active", true, 10, 3_900, 3, 0, "", 20_000, Summary.of(new long[] {1}), 0, 1, ""));

    List<Goal> goals = Goals.scaleGoals(Optional.of(run("scale", List.of(), points)));

    assertThat(goals.get(0).name()).contains("1000 sessions");
    assertThat(goals.get(0).status()).isEqualTo(Goal.Status.MET);
    assertThat(goals.get(1).measured()).isEqualTo("1 in 20000 turns");
    assertThat(goals.get(1).status()).isEqualTo(Goal.Status.MISSED);
  }
}
