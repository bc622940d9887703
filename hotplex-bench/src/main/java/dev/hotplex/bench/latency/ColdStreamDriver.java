package dev.hotplex.bench.latency;

import java.io.IOException;

/** A new stream-json process per prompt: spawn, initialize, one turn, then close (the close is not timed). */
final class ColdStreamDriver implements TurnDriver {
  private final AgentCommand command;

  ColdStreamDriver(AgentCommand command) {
    this.command = command;
  }

  @Override
  public long turn(String prompt) throws IOException {
    long start = System.nanoTime();
    try (StreamJsonClient client = StreamJsonClient.start(command)) {
      String result = client.turn(prompt);
      long nanos = System.nanoTime() - start;
      StreamJsonClient.requireEcho(result, prompt);
      return nanos;
    }
  }

  @Override
  public void close() {}
}
