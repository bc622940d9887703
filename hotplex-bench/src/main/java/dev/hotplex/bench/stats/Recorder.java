package dev.hotplex.bench.stats;

import java.util.Arrays;

/** Collects samples of one series without boxing; not thread-safe. */
public final class Recorder {
  private final String id;
  private final String label;
  private long[] samples = new long[256];
  private int size;

  public Recorder(String id, String label) {
    this.id = id;
    this.label = label;
  }

  public void add(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  public int size() {
    return size;
  }

  public Series toSeries() {
    return new Series(id, label, Arrays.copyOf(samples, size));
  }
}
