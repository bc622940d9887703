package dev.hotplex.bench.latency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code claude -p PROMPT} per prompt, as a CI script would call it: the same executable, environment and working
 * directory as hotplex's agent, stream-json output so that the span ends at the {@code result} line like the
 * others (the process exit after it is not timed).
 */
final class ColdPrintDriver implements TurnDriver {
  private final AgentCommand command;

  ColdPrintDriver(AgentCommand hotplexAgent) {
    this.command = hotplexAgent;
  }

  /** The arguments of one run (after the executable). */
  static List<String> arguments(String prompt) {
    return List.of("-p", "--output-format=stream-json", "--verbose", "--setting-sources=", prompt);
  }

  @Override
  public long turn(String prompt) throws IOException {
    long start = System.nanoTime();
    Process process = command.withArguments(arguments(prompt)).processBuilder()
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    try (BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String result = StreamJsonClient.readResult(stdout, process);
      long nanos = System.nanoTime() - start;
      StreamJsonClient.requireEcho(result, prompt);
      return nanos;
    } finally {
      StreamJsonClient.stop(process);
    }
  }

  @Override
  public void close() {}
}
