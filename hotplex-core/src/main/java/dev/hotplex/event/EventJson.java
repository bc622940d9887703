package dev.hotplex.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/**
 * The one JSON form of {@link AgentEvent}s, used by the CLI's {@code --json} output, the daemon's event stream and
 * stored event logs.
 *
 * <p>The format is NDJSON: one event per line, no line breaks inside an event. Every object carries the
 * {@code "type"} discriminator declared on {@link AgentEvent} ({@code text}, {@code tool_decision},
 * {@code result}, ...) as its first field. Field names are the records' component names, in camelCase
 * ({@code toolUseId}, {@code isError}, {@code costUsd}); fields whose value is null are left out. Unknown fields
 * are ignored when reading, so a newer writer's events still parse.
 *
 * <pre>{@code
 * {"type":"tool_decision","toolUseId":"toolu_1","toolName":"Bash","decision":"allow","rule":"tools.allowed",...}
 * {"type":"result","text":"Done.","isError":false,"subtype":"success","usage":{"inputTokens":12,...},...}
 * }</pre>
 */
public final class EventJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .disable(SerializationFeature.INDENT_OUTPUT)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  private static final ObjectWriter EVENT_WRITER = MAPPER.writerFor(AgentEvent.class);
  private static final ObjectReader EVENT_READER = MAPPER.readerFor(AgentEvent.class);

  private EventJson() {}

  /**
   * The configured mapper, for callers that embed events in larger documents. Do not reconfigure it: it is
   * shared.
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** One event as a single line of JSON, without the trailing newline. */
  public static String toJson(AgentEvent event) {
    try {
      return EVENT_WRITER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      // Events are plain records of strings, numbers and JSON trees: this only fails on a programming error.
      throw new UncheckedIOException("cannot serialize event " + event.getClass().getSimpleName(), e);
    }
  }

  /** One event as an NDJSON line: the JSON followed by {@code \n}. */
  public static String toNdjsonLine(AgentEvent event) {
    return toJson(event) + "\n";
  }

  /**
   * Parses one event.
   *
   * @throws IllegalArgumentException naming the problem when the text is not an event (bad JSON, no or unknown
   *     {@code type})
   */
  public static AgentEvent fromJson(String json) {
    try {
      return EVENT_READER.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a hotplex event: " + e.getOriginalMessage(), e);
    }
  }
}
