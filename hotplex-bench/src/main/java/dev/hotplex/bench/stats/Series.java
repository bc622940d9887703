package dev.hotplex.bench.stats;

import java.util.Objects;

/**
 * One named series of latency samples in nanoseconds, as written to and read from a results file.
 *
 * @param id a stable key used by the report (e.g. {@code hotplex-warm})
 * @param label what a reader sees in tables and plots
 * @param nanos the samples, in the order measured
 */
public record Series(String id, String label, long[] nanos) {

  public Series {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    nanos = nanos.clone();
  }

  public Summary summary() {
    return Summary.of(nanos);
  }
}
