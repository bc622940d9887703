package dev.hotplex.reliability;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How many times the suite repeats each fault. {@code quick} (the default, for {@code ./mvnw verify}) keeps the
 * module to a few minutes on two cores; {@code full} ({@code -Preliability-full}, run by
 * {@code scripts/reliability}) gives the published figures. Any single count can be overridden with the system
 * property {@code hotplex.reliability.<name>}, e.g. {@code -Dhotplex.reliability.orphanTrials=20}.
 */
final class Trials {
  /** {@code quick} or {@code full} (system property {@code hotplex.reliability.mode}). */
  static final String MODE = System.getProperty("hotplex.reliability.mode", "quick");
  static final boolean FULL = "full".equals(MODE);

  private Trials() {}

  /** The count named {@code name}: its system property, else the quick or full default. */
  static int count(String name, int quick, int full) {
    return Integer.getInteger("hotplex.reliability." + name, FULL ? full : quick);
  }

  /**
   * Ten random digits that make one trial's processes recognisable in {@code /proc}: tool calls run
   * {@code sleep 600.<token><n>}, so the token is in the command line of every process they leave.
   */
  static String token() {
    return Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
  }
}
