package dev.hotplex.bench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads how busy the machine is, so that a report shows whether its numbers came from a quiet machine. */
public final class LoadProbe {
  private static final Path LOADAVG = Path.of("/proc/loadavg");

  private LoadProbe() {}

  /** The first three fields of {@code /proc/loadavg} (1, 5 and 15 minute load), or "unknown". */
  public static String loadAverage() {
    try {
      String[] fields = Files.readString(LOADAVG).trim().split("\\s+");
      return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The one-minute load average, or -1 when unknown. */
  public static double oneMinuteLoad(String loadAverage) {
    try {
      return Double.parseDouble(loadAverage.split(" ")[0]);
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
