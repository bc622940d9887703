package dev.hotplex.bench.results;

import dev.hotplex.bench.stats.Series;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Starts a run: notes the time, the JVM and the load, and collects facts until {@link #finish}. */
public final class RunClock {
  private final String bench;
  private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final long startNanos = System.nanoTime();
  private final String loadAtStart = LoadProbe.loadAverage();
  private final Map<String, String> facts = new LinkedHashMap<>();

  public RunClock(String bench) {
    this.bench = bench;
  }

  /** Records a fact for the report (later values replace earlier ones). */
  public void fact(String name, Object value) {
    facts.put(name, String.valueOf(value));
  }

  /**
   * How a fact names a file: relative to the working directory (the checkout) when it lies below it, since the report
   * is committed and must not carry one machine's absolute paths.
   */
  public static String shown(Path file) {
    Path here = Path.of("").toAbsolutePath();
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
  }

  public String loadAtStart() {
    return loadAtStart;
  }

  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  public RunRecord finish(List<Series> series, List<ScalePoint> points) {
    return new RunRecord(bench, System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
        startedAt.toString(), loadAtStart, LoadProbe.loadAverage(), elapsedSeconds(), facts, series, points);
  }
}
