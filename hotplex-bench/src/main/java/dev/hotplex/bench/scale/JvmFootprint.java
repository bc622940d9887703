package dev.hotplex.bench.scale;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The JVM's footprint at one moment: heap in use after full collections, live platform threads (virtual threads
 * are not counted by the JVM's thread bean) and resident memory.
 *
 * @param heapBytes heap in use after {@link #GC_ROUNDS} requested full collections
 * @param platformThreads live platform threads
 * @param rssBytes resident set size from {@code /proc/self/status}, or -1
 * @param threadsByKind live threads by kind: hotplex's stdout and stderr readers, the JDK's process reapers
 */
record JvmFootprint(long heapBytes, int platformThreads, long rssBytes, String threadsByKind) {
  private static final Map<String, String> THREAD_KINDS = Map.of(
      "hotplex-stdout-", "stdout readers", "hotplex-stderr-", "stderr readers", "process reaper", "JDK process reapers",
      "hotplex-worker-", "hotplex workers");
  private static final int GC_ROUNDS = 3;
  private static final long GC_PAUSE_MS = 200;

  static JvmFootprint measure() throws InterruptedException {
    for (int i = 0; i < GC_ROUNDS; i++) {
      System.gc();
      Thread.sleep(GC_PAUSE_MS);
    }
    return new JvmFootprint(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
        ManagementFactory.getThreadMXBean().getThreadCount(), residentBytes(), countThreadsByKind());
  }

  private static String countThreadsByKind() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String kind = THREAD_KINDS.entrySet().stream().filter(k -> thread.getName().startsWith(k.getKey()))
          .map(Map.Entry::getValue).findFirst().orElse("other");
      counts.merge(kind, 1, Integer::sum);
    }
    return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  private static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: unknown
    }
    return -1;
  }
}
