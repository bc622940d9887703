package dev.hotplex.session;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.PermissionDenial;
import dev.hotplex.event.TurnResult;
import dev.hotplex.secrets.ChunkMasker;
import dev.hotplex.secrets.SecretMasker;
import java.util.ArrayList;
import java.util.List;

/**
 * Masks one turn's events before any listener sees them: the CLI prints them, the daemon stores and streams them,
 * SDK users log them, and the agent's output can hold a secret anywhere (a tool printed the environment, the model
 * repeated a key; issue 9). Every string an event carries, JSON inputs included, goes through the session's
 * {@link SecretMasker}. Text deltas share one {@link ChunkMasker}, so that a secret split across deltas is masked
 * too: the few last characters of a delta that could begin a secret wait for the next delta, and come out before
 * the next other event or the result. Not thread-safe: the turn calls it under its lock.
 */
final class EventMasker {
  private final SecretMasker masker;
  private final ChunkMasker deltas;

  EventMasker(SecretMasker masker) {
    this.masker = masker;
    this.deltas = masker.streaming();
  }

  /** What to deliver for {@code event}: a held-back delta tail first, then the masked event (if anything is left). */
  List<AgentEvent> mask(AgentEvent event) {
    if (masker.size() == 0) {
      return List.of(event);
    }
    if (event instanceof AgentEvents.TextDelta delta) {
      String released = deltas.accept(delta.text());
      return released.isEmpty() ? List.of() : List.of(new AgentEvents.TextDelta(released));
    }
    List<AgentEvent> out = new ArrayList<>(2);
    finish(out);
    out.add(maskWhole(event));
    return out;
  }

  /** Adds the held-back end of the text deltas, if any, to {@code out}. */
  void finish(List<AgentEvent> out) {
    String rest = deltas.finish();
    if (!rest.isEmpty()) {
      out.add(new AgentEvents.TextDelta(rest));
    }
  }

  /** The result with its texts and denied inputs masked. */
  TurnResult mask(TurnResult result) {
    if (masker.size() == 0) {
      return result;
    }
    List<PermissionDenial> denials = new ArrayList<>();
    for (PermissionDenial denial : result.permissionDenials()) {
      denials.add(new PermissionDenial(denial.toolName(), denial.toolUseId(), masker.mask(denial.toolInput()),
          masker.mask(denial.rule()), masker.mask(denial.reason())));
    }
    return new TurnResult(masker.mask(result.text()), result.isError(), result.subtype(), result.agentSessionId(),
        result.usage(), result.costUsd(), result.durationMs(), result.durationApiMs(), result.numTurns(),
        result.toolCalls(), denials, result.stopReason(), result.terminalReason(), masker.mask(result.errorMessage()));
  }

  private AgentEvent maskWhole(AgentEvent event) {
    if (event instanceof AgentEvents.Text text) {
      return new AgentEvents.Text(masker.mask(text.text()));
    } else if (event instanceof AgentEvents.Thinking thinking) {
      return new AgentEvents.Thinking(masker.mask(thinking.text()));
    } else if (event instanceof AgentEvents.ToolUse use) {
      return new AgentEvents.ToolUse(use.toolUseId(), use.toolName(), masker.mask(use.input()));
    } else if (event instanceof AgentEvents.ToolDecision decision) {
      return new AgentEvents.ToolDecision(decision.toolUseId(), decision.toolName(), decision.decision(),
          masker.mask(decision.rule()), masker.mask(decision.reason()), masker.mask(decision.input()));
    } else if (event instanceof AgentEvents.ToolResult result) {
      return new AgentEvents.ToolResult(result.toolUseId(), masker.mask(result.content()), result.isError());
    } else if (event instanceof AgentEvents.Error error) {
      return new AgentEvents.Error(masker.mask(error.message()));
    } else if (event instanceof AgentEvents.Raw raw) {
      return new AgentEvents.Raw(raw.rawType(), masker.mask(raw.json()));
    } else if (event instanceof AgentEvents.Init init) {
      return new AgentEvents.Init(init.agentSessionId(), masker.mask(init.model()), masker.mask(init.cwd()),
          init.tools(), init.permissionMode());
    } else if (event instanceof TurnResult result) {
      return mask(result);
    }
    return event;
  }
}
