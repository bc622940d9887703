package dev.hotplex.cli;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.EventListener;
import dev.hotplex.event.TurnResult;
import dev.hotplex.event.Usage;
import dev.hotplex.secrets.SecretMasker;
import dev.hotplex.session.Session;
import dev.hotplex.session.SessionKey;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.session.Turn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An in-memory {@link Session} for testing the CLI without an agent: each prompt is answered at once with the events
 * the script gives for it (the last one must be the {@link TurnResult}). Records the prompts and whether it was closed.
 */
final class ScriptedSession implements Session {
  private final SessionOptions options;
  private final Function<String, List<AgentEvent>> script;
  final List<String> prompts = new ArrayList<>();
  volatile boolean closed;

  ScriptedSession(SessionOptions options, Function<String, List<AgentEvent>> script) {
    this.options = options;
    this.script = script;
  }

  /** Answers every prompt with its echo and a successful result. */
  static List<AgentEvent> echo(String prompt) {
    return List.of(new AgentEvents.Text("You said: " + prompt), success("You said: " + prompt));
  }

  static TurnResult success(String text) {
    return new TurnResult(text, false, "success", "scripted", new Usage(10, 5, 0, 0), 0.001, 20, 10, 1, 0,
        List.of(), "end_turn", null, null);
  }

  @Override
  public SessionKey key() {
    return SessionKey.of("test", "scripted");
  }

  @Override
  public SessionOptions options() {
    return options;
  }

  @Override
  public SecretMasker secretMasker() {
    return SecretMasker.of(options.secrets());
  }

  @Override
  public Turn send(String prompt, EventListener listener) {
    prompts.add(prompt);
    List<AgentEvent> events = script.apply(prompt);
    events.forEach(listener::onEvent);
    TurnResult result = (TurnResult) events.get(events.size() - 1);
    int number = prompts.size();
    return new Turn() {
      @Override
      public int number() {
        return number;
      }

      @Override
      public CompletableFuture<TurnResult> result() {
        return CompletableFuture.completedFuture(result);
      }

      @Override
      public TurnResult await() {
        return result;
      }

      @Override
      public Optional<TurnResult> await(Duration timeout) {
        return Optional.of(result);
      }

      @Override
      public void cancel() {}
    };
  }

  @Override
  public Optional<String> agentSessionId() {
    return Optional.of("scripted");
  }

  @Override
  public Optional<Long> pid() {
    return Optional.empty();
  }

  @Override
  public int turnCount() {
    return prompts.size();
  }

  @Override
  public boolean busy() {
    return false;
  }

  @Override
  public void interrupt() {}

  @Override
  public void close() {
    closed = true;
  }
}
