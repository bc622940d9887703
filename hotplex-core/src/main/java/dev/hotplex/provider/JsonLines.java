package dev.hotplex.provider;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.event.AgentEvents;
import java.util.Optional;

/**
 * Reads the output lines of an agent that speaks one JSON object per line. A line that is not one never throws:
 * it becomes an {@link AgentEvents.Error} event that says so and quotes its start.
 */
public final class JsonLines {
  /** How much of an undecodable line an error event quotes. */
  public static final int EXCERPT_CHARS = 200;

  /**
   * Jackson's parse buffers for every agent mapper, shared. Lines are parsed on each session's own reader thread, and
   * by default Jackson keeps one set of buffers (about 8 KiB) per thread for as long as the thread lives: a large
   * part of an idle session's heap. A bounded pool keeps only about as many as are in use at once.
   */
  private static final RecyclerPool<BufferRecycler> SHARED_BUFFERS = JsonRecyclerPools.newBoundedPool(
      Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));

  private JsonLines() {}

  /** A mapper for the lines an agent prints and reads; thread-safe, with buffers from one shared pool. */
  public static ObjectMapper newMapper() {
    return new ObjectMapper(JsonFactory.builder().recyclerPool(SHARED_BUFFERS).build());
  }

  /**
   * The line's JSON object; empty for a blank line, and empty after reporting an error event to {@code peer} for
   * anything else that is not a JSON object.
   *
   * @param agent who printed the line, for the message (e.g. {@code Claude Code})
   */
  public static Optional<JsonNode> readObject(String line, ObjectMapper json, String agent, ProtocolPeer peer) {
    if (line == null || line.isBlank()) {
      return Optional.empty();
    }
    JsonNode message;
    try {
      message = json.readTree(line);
    } catch (JsonProcessingException e) {
      peer.emit(undecodable(agent, peer.mask(line), "invalid JSON"));
      return Optional.empty();
    }
    if (message == null || !message.isObject()) {
      peer.emit(undecodable(agent, peer.mask(line), "not a JSON object"));
      return Optional.empty();
    }
    return Optional.of(message);
  }

  /** The error event for a line that is not a JSON object: says so and quotes its start. */
  public static AgentEvents.Error undecodable(String agent, String line, String problem) {
    String excerpt = line.length() <= EXCERPT_CHARS
        ? line : line.substring(0, EXCERPT_CHARS) + "... (" + line.length() + " characters)";
    return new AgentEvents.Error(agent + " printed a line that is not a JSON message (" + problem + "): " + excerpt);
  }
}
