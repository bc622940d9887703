package dev.hotplex.bench.latency;

/**
 * One way of getting a turn answered by Claude Code. Every driver measures the same span: from handing over the
 * prompt (writing it, or calling the API that writes it) to receiving the {@code result} event; cold drivers also
 * start their process inside that span.
 */
public interface TurnDriver extends AutoCloseable {

  /**
   * Runs one turn and checks that it succeeded with the fake model's answer.
   *
   * @return the latency in nanoseconds
   * @throws Exception when the turn failed, timed out or answered something else (the benchmark stops: a failed
   *     turn is never a sample)
   */
  long turn(String prompt) throws Exception;

  @Override
  void close();
}
