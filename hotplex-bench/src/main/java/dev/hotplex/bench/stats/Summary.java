package dev.hotplex.bench.stats;

import java.util.Arrays;

/**
 * Percentiles of one series of measurements, in nanoseconds. Percentiles use the nearest-rank method (the
 * smallest sample with at least p% of the samples at or below it), so every reported value was really measured.
 *
 * @param count the number of samples
 * @param min the smallest sample
 * @param median the 50th percentile
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param max the largest sample
 * @param mean the arithmetic mean
 */
public record Summary(int count, long min, long median, long p90, long p99, long max, double mean) {

  /**
   * Summarises {@code nanos} (not modified).
   *
   * @throws IllegalArgumentException when there are no samples
   */
  public static Summary of(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no samples to summarise");
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (long value : sorted) {
      sum += value;
    }
    return new Summary(sorted.length, sorted[0], percentile(sorted, 50), percentile(sorted, 90),
        percentile(sorted, 99), sorted[sorted.length - 1], sum / sorted.length);
  }

  /** The nearest-rank percentile {@code p} (0 &lt; p &lt;= 100) of sorted samples. */
  static long percentile(long[] sorted, double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100], not " + p);
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** True when there are enough samples for the p99 to be more than the maximum of a handful. */
  public boolean p99Meaningful() {
    return count >= 100;
  }
}
