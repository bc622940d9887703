package dev.hotplex.bench.latency;

import java.util.Map;

/** What each latency series is called in progress lines, tables and plots. */
public final class Labels {
  private static final Map<String, String> LABELS = Map.of(
      LatencyBench.COLD_PRINT, "(a) cold claude -p",
      LatencyBench.COLD_STREAM, "(b) cold stream-json process",
      LatencyBench.HOTPLEX_WARM, "(c) hotplex warm turn",
      LatencyBench.HOTPLEX_PREWARMED_FIRST, "(d) hotplex first turn, pre-warmed",
      LatencyBench.HOTPLEX_COLD_FIRST, "(d') hotplex first turn, cold",
      LatencyBench.RAW_WARM, "(e) raw pipe, warm (floor)",
      LatencyBench.SDK_WARM, "(f) Agent SDK (TS), warm turn");

  private Labels() {}

  public static String of(String id) {
    return LABELS.getOrDefault(id, id);
  }
}
