package dev.hotplex.bench.report;

/**
 * One goal of issue 8 (or the policy issue) and whether this run met it.
 *
 * @param name what is measured
 * @param target the goal, in words
 * @param measured the measured value, formatted
 * @param status {@link Status#MET}, {@link Status#MISSED} or {@link Status#NOT_MEASURED}
 */
record Goal(String name, String target, String measured, Status status) {

  enum Status {
    MET("met"), MISSED("**missed**"), NOT_MEASURED("not measured");

    final String text;

    Status(String text) {
      this.text = text;
    }
  }

  static Goal atMost(String name, String target, double value, double limit, String measured) {
    return new Goal(name, target, measured, value <= limit ? Status.MET : Status.MISSED);
  }

  static Goal atLeast(String name, String target, double value, double limit, String measured) {
    return new Goal(name, target, measured, value >= limit ? Status.MET : Status.MISSED);
  }

  static Goal notMeasured(String name, String target) {
    return new Goal(name, target, "-", Status.NOT_MEASURED);
  }
}
