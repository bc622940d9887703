package dev.hotplex.event;

/** Token counts of one turn, as reported by the agent. */
public record Usage(long inputTokens, long outputTokens, long cacheCreationInputTokens, long cacheReadInputTokens) {

  public static final Usage ZERO = new Usage(0, 0, 0, 0);

  public long totalTokens() {
    return inputTokens + outputTokens + cacheCreationInputTokens + cacheReadInputTokens;
  }

  public Usage plus(Usage other) {
    return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
        cacheCreationInputTokens + other.cacheCreationInputTokens,
        cacheReadInputTokens + other.cacheReadInputTokens);
  }
}
