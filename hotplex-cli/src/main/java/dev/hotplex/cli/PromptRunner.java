package dev.hotplex.cli;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.EventJson;
import dev.hotplex.event.EventListener;
import dev.hotplex.event.EventRenderer;
import dev.hotplex.event.TurnResult;
import dev.hotplex.session.Session;
import dev.hotplex.session.Turn;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends prompts one after another to one session and prints their events as they arrive: the readable log, or
 * NDJSON. Stops at the first failed turn. Ctrl-C (a JVM shutdown) cancels the running turn and closes the session
 * so no agent process outlives the command.
 */
final class PromptRunner {
  private final PrintWriter out;
  private final PrintWriter err;
  private final OutputOptions output;
  private final EventRenderer renderer;
  private final AtomicReference<Turn> runningTurn = new AtomicReference<>();

  PromptRunner(PrintWriter out, PrintWriter err, OutputOptions output) {
    this.out = out;
    this.err = err;
    this.output = output;
    this.renderer = output.renderer();
  }

  /** Runs the prompts in order; returns {@link HotplexMain#EXIT_OK} or {@link HotplexMain#EXIT_TURN_FAILED}. */
  int run(Session session, List<String> prompts) throws InterruptedException {
    Thread onInterrupt = new Thread(() -> stop(session), "hotplex-interrupt");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      for (int i = 0; i < prompts.size(); i++) {
        TurnResult result = runTurn(session, prompts.get(i), i + 1, prompts.size());
        if (result.isError()) {
          int skipped = prompts.size() - i - 1;
          if (skipped > 0) {
            note("stopped: prompt " + (i + 1) + " failed, so the remaining " + skipped + " prompt(s) did not run");
          }
          return HotplexMain.EXIT_TURN_FAILED;
        }
      }
      return HotplexMain.EXIT_OK;
    } finally {
      removeHook(onInterrupt);
    }
  }

  private TurnResult runTurn(Session session, String prompt, int number, int total) throws InterruptedException {
    if (!output.json) {
      String firstLine = prompt.strip().lines().findFirst().orElse("");
      print("=== prompt " + number + " of " + total + ": " + session.secretMasker().mask(firstLine) + "\n");
    }
    Turn turn = session.send(prompt, listener());
    runningTurn.set(turn);
    try {
      return turn.await();
    } finally {
      runningTurn.set(null);
      if (!output.json) {
        print(renderer.finish());
      }
    }
  }

  private EventListener listener() {
    return output.json ? this::printJson : this::printReadable;
  }

  private void printJson(AgentEvent event) {
    print(EventJson.toNdjsonLine(event));
  }

  private void printReadable(AgentEvent event) {
    print(renderer.render(event));
  }

  private void print(String text) {
    if (text.isEmpty()) {
      return;
    }
    synchronized (out) {
      out.print(text);
      out.flush();
    }
  }

  private void note(String message) {
    err.println("[hotplex] " + message);
    err.flush();
  }

  /** The shutdown hook: the JVM is exiting (Ctrl-C, SIGTERM) while prompts run. */
  private void stop(Session session) {
    Turn turn = runningTurn.get();
    if (turn != null) {
      note("interrupted: cancelling prompt " + turn.number() + " and stopping the agent");
      turn.cancel();
    }
    session.close();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or has run; it closes the session itself.
    }
  }
}
