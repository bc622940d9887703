package dev.hotplex.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.EventListener;
import dev.hotplex.provider.ProviderRegistry;
import dev.hotplex.testkit.fakecli.FakeAgentCli;
import dev.hotplex.testkit.fakecli.FakeCliLauncher;
import dev.hotplex.transport.ProcessReaper;
import dev.hotplex.transport.ProcessTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test fixtures: fake CLI scripts, options that use them, an event recorder and a leak check. */
final class FakeAgents {
  static final Duration TEST_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeAgents() {}

  static ProviderRegistry registry() {
    return ProviderRegistry.of(new FakeAgentProvider());
  }

  /** Options for the fake provider, running the fake CLI in {@code mode}, recording its argv in the folder. */
  static SessionOptions.Builder options(Path dir, FakeAgentCli.Mode mode) {
    return optionsWithoutKey(dir, mode).environment(FakeAgentProvider.API_KEY_VARIABLE, "test-key");
  }

  /** Like {@link #options}, without the provider's API key variable. */
  static SessionOptions.Builder optionsWithoutKey(Path dir, FakeAgentCli.Mode mode) {
    try {
      Path script = FakeCliLauncher.write(dir.resolve("bin"), mode);
      Path work = Files.createDirectories(dir.resolve("work"));
      return SessionOptions.builder().provider(FakeAgentProvider.ID).workDir(work).cliPath(script)
          .environment("FAKE_CLI_ARGV_FILE", argvFile(dir).toString())
          .environment("FAKE_CLI_DELAY_MS", "500");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path argvFile(Path dir) {
    return dir.resolve("argv.jsonl");
  }

  /** The argument lists of every fake process started with {@link #options}, oldest first. */
  static List<List<String>> recordedArgv(Path dir) throws IOException {
    List<List<String>> all = new ArrayList<>();
    for (String line : Files.readAllLines(argvFile(dir))) {
      all.add(List.of(JSON.readValue(line, String[].class)));
    }
    return all;
  }

  /** Processes still carrying this agent marker. */
  static List<Long> marked(String marker) {
    return ProcessReaper.findMarked(ProcessTransport.MARKER_VARIABLE, marker);
  }

  /** Processes carrying the marker once they had time to die (a killed process needs a moment to vanish). */
  static List<Long> markedAfterDeath(String marker) throws InterruptedException {
    long deadline = System.nanoTime() + TEST_TIMEOUT.toNanos();
    List<Long> left = marked(marker);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      left = marked(marker);
    }
    return left;
  }

  /** Records a turn's events. */
  static final class Recorder implements EventListener {
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(AgentEvent event) {
      events.add(event);
    }

    <T extends AgentEvent> List<T> of(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }
}
