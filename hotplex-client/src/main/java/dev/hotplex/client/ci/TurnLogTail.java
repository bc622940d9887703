package dev.hotplex.client.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.EventJson;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a turn's event log ({@code <state>/sessions/<id>/turns/<n>.ndjson}, one {@code {"seq":N,"event":{...}}}
 * line per event, written by the daemon) from a byte offset, the way a CI controller follows a build agent's file:
 * {@link #read} on the agent returns only whole lines and the offset after them, so a line the daemon is still
 * writing is read next time; {@link #parse} on the controller turns the lines into events. A caller that saves
 * the offset can stop (a controller restart) and later go on from it: no event is lost or shown twice.
 */
public final class TurnLogTail {
  /** Bytes read per call at most, unless one line is longer (default 1 MiB; {@code hotplex.ci.logChunkBytes}). */
  public static final int CHUNK_BYTES = Integer.getInteger("hotplex.ci.logChunkBytes", 1 << 20);
  /** The longest line followed; the daemon's events are far smaller (default 64 MiB). */
  static final int MAX_LINE_BYTES = 64 << 20;

  private TurnLogTail() {}

  /**
   * Whole lines read from an offset, and the offset after them. Serializable: it travels from agent to controller.
   *
   * @param lines the lines, each ending with {@code \n}; empty when nothing new is complete
   * @param nextOffset where the next read starts
   */
  public record Chunk(String lines, long nextOffset) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** One logged event with its sequence number (0 for the turn's first). */
  public record Entry(long seq, AgentEvent event) {}

  /** Where the daemon keeps the log of turn {@code turn} of session {@code sessionId} (docs/daemon.md). */
  public static Path file(Path stateDir, String sessionId, int turn) {
    return stateDir.resolve("sessions").resolve(sessionId).resolve("turns").resolve(turn + ".ndjson");
  }

  /**
   * The whole lines after {@code offset}, at most about {@code maxBytes} of them (more when a single line is
   * longer). A log that does not exist yet (a queued turn) reads as nothing new.
   *
   * @throws CiStepException when a line is longer than {@value #MAX_LINE_BYTES} bytes or the offset is past the
   *     end (the log is not the one being followed): reading again cannot help
   * @throws IOException when the file cannot be read
   */
  public static Chunk read(Path file, long offset, int maxBytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (offset > size) {
        throw new CiStepException("The offset " + offset + " is past the end of " + file + " (" + size + " bytes): the"
            + " log was replaced. Its turn cannot be followed from here.");
      }
      int window = (int) Math.min(size - offset, maxBytes);
      while (true) {
        ByteBuffer bytes = ByteBuffer.allocate(window);
        while (bytes.hasRemaining() && channel.read(bytes, offset + bytes.position()) > 0) {
          // read until the window is full or the file ends
        }
        int end = lastNewline(bytes.array(), bytes.position());
        if (end >= 0) {
          return new Chunk(new String(bytes.array(), 0, end + 1, StandardCharsets.UTF_8), offset + end + 1);
        }
        boolean moreInFile = size - offset > window;
        if (!moreInFile) {
          return new Chunk("", offset); // only a line still being written
        }
        if (window >= MAX_LINE_BYTES) {
          throw new CiStepException("A line of " + file + " at offset " + offset + " is longer than " + MAX_LINE_BYTES
              + " bytes; it is not a hotplex event log.");
        }
        window = (int) Math.min(Math.min(size - offset, (long) window * 2), MAX_LINE_BYTES);
      }
    } catch (NoSuchFileException notYet) {
      return new Chunk("", offset);
    }
  }

  private static int lastNewline(byte[] bytes, int length) {
    for (int i = length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The events in {@code lines} (from {@link Chunk#lines()}).
   *
   * @throws IllegalArgumentException naming the line when one is not a logged event
   */
  public static List<Entry> parse(String lines) {
    List<Entry> entries = new ArrayList<>();
    for (String line : lines.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode logged;
      try {
        logged = EventJson.mapper().readTree(line);
      } catch (IOException e) {
        throw new IllegalArgumentException("Not a line of a hotplex turn log: " + cut(line), e);
      }
      if (!logged.path("seq").isIntegralNumber() || !logged.path("event").isObject()) {
        throw new IllegalArgumentException("A turn log line needs \"seq\" and \"event\": " + cut(line));
      }
      entries.add(new Entry(logged.path("seq").asLong(), EventJson.fromJson(logged.path("event").toString())));
    }
    return entries;
  }

  private static String cut(String line) {
    return line.length() <= 200 ? line : line.substring(0, 200) + "...";
  }
}
