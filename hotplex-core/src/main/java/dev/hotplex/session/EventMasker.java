package dev.hotplex.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.PermissionDenial;
import dev.hotplex.event.TurnResult;
import dev.hotplex.secrets.ChunkMasker;
import dev.hotplex.secrets.SecretMasker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Masks one turn's events before any listener sees them: the CLI prints them, the daemon stores and streams them,
 * SDK users log them, and the agent's output can hold a secret anywhere (a tool printed the environment, the model
 * repeated a key; issue 9). Every string an event carries, JSON inputs included, goes through the session's
 * {@link SecretMasker}. Streamed pieces (text deltas, and the raw {@code stream_event} deltas of tool inputs and
 * thinking) go through a {@link ChunkMasker} per stream, so that a secret split across pieces is masked too: the
 * few last characters of a piece that could begin a secret wait for the next piece, and come out (as one more
 * piece) before any other event or the result. Not thread-safe: the turn calls it under its lock.
 */
final class EventMasker {
  /** The string field of each raw {@code stream_event} delta type that carries a piece of a longer text. */
  private static final Map<String, String> RAW_DELTA_FIELDS = Map.of("input_json_delta", "partial_json",
      "thinking_delta", "thinking");

  private final SecretMasker masker;
  private final Pieces text;
  private final Pieces raw;

  EventMasker(SecretMasker masker) {
    this.masker = masker;
    this.text = new Pieces(masker);
    this.raw = new Pieces(masker);
  }

  /** What to deliver for {@code event}: held-back pieces first, then the masked event (if anything is left). */
  List<AgentEvent> mask(AgentEvent event) {
    if (masker.size() == 0) {
      return List.of(event);
    }
    List<AgentEvent> out = new ArrayList<>(2);
    if (event instanceof AgentEvents.TextDelta delta) {
      raw.finish(out);
      text.accept("text", delta.text(), AgentEvents.TextDelta::new, out);
      return out;
    }
    text.finish(out);
    if (event instanceof AgentEvents.Raw piece && rawDeltaField(piece) != null) {
      String field = rawDeltaField(piece);
      raw.accept(piece.json().path("event").path("delta").path("type").asText(), piece.json().path("event")
          .path("delta").path(field).asText(), released -> withDeltaText(piece, field, released), out);
      return out;
    }
    raw.finish(out);
    out.add(maskWhole(event));
    return out;
  }

  /** Adds whatever pieces are still held back to {@code out} (at the turn's end). */
  void finish(List<AgentEvent> out) {
    text.finish(out);
    raw.finish(out);
  }

  /** One stream of pieces: its masker, its kind, and how to make an event of the text released. */
  private static final class Pieces {
    private final ChunkMasker chunks;
    private String kind;
    private Function<String, AgentEvent> lastEvent;

    Pieces(SecretMasker masker) {
      this.chunks = masker.streaming();
    }

    void accept(String pieceKind, String piece, Function<String, AgentEvent> event, List<AgentEvent> out) {
      if (kind != null && !kind.equals(pieceKind)) {
        finish(out);
      }
      kind = pieceKind;
      lastEvent = event;
      String released = chunks.accept(piece);
      if (!released.isEmpty()) {
        out.add(event.apply(released));
      }
    }

    void finish(List<AgentEvent> out) {
      String rest = chunks.finish();
      if (!rest.isEmpty()) {
        out.add(lastEvent.apply(rest));
      }
      kind = null;
    }
  }

  private static String rawDeltaField(AgentEvents.Raw raw) {
    JsonNode delta = raw.json() == null ? null : raw.json().path("event").path("delta");
    String field = delta == null ? null : RAW_DELTA_FIELDS.get(delta.path("type").asText());
    return field != null && delta.path(field).isTextual() ? field : null;
  }

  /** The raw delta with its other strings masked and its piece of text replaced by {@code text}. */
  private AgentEvent withDeltaText(AgentEvents.Raw raw, String field, String text) {
    ObjectNode json = (ObjectNode) masker.mask(raw.json()).deepCopy();
    ((ObjectNode) json.path("event").path("delta")).put(field, text);
    return new AgentEvents.Raw(raw.rawType(), json);
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
