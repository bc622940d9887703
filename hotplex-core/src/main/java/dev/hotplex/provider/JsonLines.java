package dev.hotplex.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
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

  private JsonLines() {}

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
