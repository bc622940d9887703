package dev.hotplex.bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The recorded data the JMH benchmarks use, packaged into the benchmarks jar from hotplex-core's test resources. */
final class BenchResources {
  private BenchResources() {}

  /** The lines of a packaged text resource under {@code /dev/hotplex/bench/}. */
  static List<String> lines(String name) {
    try (InputStream in = BenchResources.class.getResourceAsStream("/dev/hotplex/bench/" + name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the benchmarks jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The commands of a policy corpus file: no blank or comment lines. */
  static List<String> corpus(String name) {
    return lines("policy/" + name).stream()
        .filter(line -> !line.isBlank() && !line.stripLeading().startsWith("#"))
        .toList();
  }
}
