package dev.hotplex.bench.latency;

import java.io.IOException;

/** The floor: one warm CLI process, driven by {@link StreamJsonClient} on the calling thread. */
public final class RawPipeDriver implements TurnDriver {
  private final StreamJsonClient client;

  public RawPipeDriver(AgentCommand command) throws IOException {
    this.client = StreamJsonClient.start(command);
  }

  @Override
  public long turn(String prompt) throws IOException {
    long start = System.nanoTime();
    String result = client.turn(prompt);
    long nanos = System.nanoTime() - start;
    StreamJsonClient.requireEcho(result, prompt);
    return nanos;
  }

  public long pid() {
    return client.pid();
  }

  @Override
  public void close() {
    client.close();
  }
}
