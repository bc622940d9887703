package dev.hotplex.bench.results;

import dev.hotplex.bench.stats.Series;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one benchmark run wrote: when and where it ran, how loaded the machine was, free-form facts (command lines,
 * versions, settings) and its measurements.
 *
 * @param bench the benchmark's name ({@code latency}, {@code overhead}, {@code scale})
 * @param java the JVM that ran it ({@code java.vendor java.runtime.version})
 * @param startedAt ISO-8601 start time
 * @param loadAtStart {@code /proc/loadavg} at the start
 * @param loadAtEnd {@code /proc/loadavg} at the end
 * @param seconds wall time of the whole run
 * @param facts settings and observations worth printing, in order
 * @param series latency samples
 * @param points scale measurements, one per session count and mode (empty for other benchmarks)
 */
public record RunRecord(String bench, String java, String startedAt, String loadAtStart, String loadAtEnd,
    double seconds, Map<String, String> facts, List<Series> series, List<ScalePoint> points) {

  public RunRecord {
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts)); // in the order recorded
    series = List.copyOf(series);
    points = List.copyOf(points);
  }

  /** The series with this id, if the run has it. */
  public Optional<Series> series(String id) {
    return series.stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
