package dev.hotplex.bench.latency;

import dev.hotplex.bench.stats.Recorder;
import dev.hotplex.bench.stats.Series;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs several drivers in rounds, a block of turns each, rotating their order every round, so that a change in the
 * machine's load during the run affects every driver alike instead of whichever ran at that moment.
 */
public final class Interleaved {
  private final Map<String, TurnDriver> drivers;
  private final List<String> order;
  private final Map<String, Recorder> recorders = new LinkedHashMap<>();

  /** @param drivers by series id, in the order of the first round */
  public Interleaved(Map<String, TurnDriver> drivers, Function<String, String> labels) {
    this.drivers = new LinkedHashMap<>(drivers);
    this.order = new ArrayList<>(drivers.keySet());
    drivers.keySet().forEach(id -> recorders.put(id, new Recorder(id, labels.apply(id))));
  }

  /** Runs {@code turnsEach} turns with every driver, in this round's order. */
  public void round(int turnsEach, Supplier<String> prompts) throws Exception {
    for (String id : order) {
      TurnDriver driver = drivers.get(id);
      Recorder recorder = recorders.get(id);
      for (int i = 0; i < turnsEach; i++) {
        recorder.add(driver.turn(prompts.get()));
      }
    }
    Collections.rotate(order, 1);
  }

  /** Unrecorded turns, to warm up JITs, caches and the CLIs. */
  public void warmUp(int turnsEach, Supplier<String> prompts) throws Exception {
    for (TurnDriver driver : drivers.values()) {
      for (int i = 0; i < turnsEach; i++) {
        driver.turn(prompts.get());
      }
    }
  }

  /** The medians so far, for progress lines. */
  public String medians(double unitNanos, String unit) {
    return recorders.values().stream().filter(r -> r.size() > 0)
        .map(r -> r.toSeries().id() + String.format(" %.1f %s", r.toSeries().summary().median() / unitNanos, unit))
        .collect(Collectors.joining(", "));
  }

  public List<Series> series() {
    return recorders.values().stream().map(Recorder::toSeries).toList();
  }
}
