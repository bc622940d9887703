package dev.hotplex.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One result from JMH's JSON output ({@code -rf json}).
 *
 * @param benchmark the simple name, e.g. {@code PolicyBenchmark.decide}
 * @param param the benchmark's parameter value, or an empty string
 * @param score the primary score in {@code unit}
 * @param error the score's error (99.9% confidence half-width), NaN when JMH could not compute it
 * @param unit e.g. {@code ops/s} or {@code us/op}
 * @param p50 the median, for sampled modes (else NaN)
 * @param p99 the 99th percentile, for sampled modes (else NaN)
 */
record JmhResult(String benchmark, String param, double score, double error, String unit, double p50,
    double p99) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<JmhResult> read(Path file) throws IOException {
    List<JmhResult> results = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return results;
    }
    for (JsonNode entry : JSON.readTree(file.toFile())) {
      String name = entry.path("benchmark").asText();
      String simple = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      StringBuilder param = new StringBuilder();
      entry.path("params").fields().forEachRemaining(p -> param.append(p.getValue().asText()));
      JsonNode metric = entry.path("primaryMetric");
      JsonNode percentiles = metric.path("scorePercentiles");
      results.add(new JmhResult(simple, param.toString(), metric.path("score").asDouble(),
          metric.path("scoreError").asDouble(Double.NaN), metric.path("scoreUnit").asText(),
          percentiles.path("50.0").asDouble(Double.NaN), percentiles.path("99.0").asDouble(Double.NaN)));
    }
    return results;
  }
}
