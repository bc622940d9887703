package dev.hotplex.client.ci;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.EventRenderer;
import dev.hotplex.secrets.ChunkMasker;
import dev.hotplex.secrets.SecretMasker;

/**
 * A turn's events as a CI build log shows them: {@link EventRenderer}'s text (the assistant's words, each tool
 * call with its decision, and a closing summary with tokens, cost and time, numbered with the session's turn)
 * with every form of the run's secrets masked, and the step's own lines, each starting with {@value #PREFIX}.
 * The masking is streaming, so a secret split between two events is still caught; {@link #finish()} releases the
 * rest at the end of the turn. One instance follows one turn; not thread-safe.
 */
public final class CiConsole {
  /** The start of every line the step itself writes. */
  public static final String PREFIX = "[hotplex] ";

  private final EventRenderer renderer;
  private final SecretMasker masker;
  private final ChunkMasker chunks;

  /**
   * @param masker the run's secrets (the provider key and any others the CI knows)
   * @param turn the session's turn number being followed, for the summary line
   */
  public CiConsole(SecretMasker masker, int turn) {
    this.renderer = EventRenderer.builder().firstTurn(turn).build();
    this.masker = masker;
    this.chunks = masker.streaming();
  }

  /** The masked text to print for this event, possibly empty. */
  public String render(AgentEvent event) {
    return chunks.accept(renderer.render(event));
  }

  /** Whatever is still held back, masked; call when the turn's result was rendered or the stream stops. */
  public String finish() {
    return chunks.accept(renderer.finish()) + chunks.finish();
  }

  /** One of the step's own lines, masked, with the prefix and a line end. */
  public String line(String message) {
    return PREFIX + masker.mask(message) + "\n";
  }

  /** What the step says when its turn starts: which session, where, and whether it waits behind another call. */
  public String started(CiTurns.Started started, String nodeName) {
    String where = nodeName.isEmpty() ? "the built-in node" : "node '" + nodeName + "'";
    StringBuilder text = new StringBuilder(line((started.created() ? "started session '" : "warm session '")
        + started.sessionName() + "' (" + started.sessionId() + ") on " + where + ": turn " + started.turn()
        + (started.created() ? "" : ", same agent and conversation as the earlier calls")));
    if (started.waiting()) {
      text.append(line("session '" + started.sessionName() + "' is busy with another call of this run;"
          + " this call waits its turn"));
    }
    return text.toString();
  }
}
