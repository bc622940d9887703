package dev.hotplex.transport;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last lines an agent printed on stderr, bounded by {@link #MAX_LINES} lines and {@link #MAX_CHARS}
 * characters, for error messages. Older lines fall off the front.
 */
final class StderrTail {
  /** Lines kept (default 200; system property {@code hotplex.transport.stderrTailLines}). */
  static final int MAX_LINES = Integer.getInteger("hotplex.transport.stderrTailLines", 200);
  /** Characters kept (default 64 KiB; system property {@code hotplex.transport.stderrTailChars}). */
  static final int MAX_CHARS = Integer.getInteger("hotplex.transport.stderrTailChars", 64 * 1024);

  private final Deque<String> lines = new ArrayDeque<>();
  private int chars;

  synchronized void add(String line) {
    String kept = line.length() > MAX_CHARS ? line.substring(line.length() - MAX_CHARS) : line;
    lines.addLast(kept);
    chars += kept.length();
    while (lines.size() > MAX_LINES || chars > MAX_CHARS) {
      chars -= lines.removeFirst().length();
    }
  }

  /** The kept lines joined by newlines; empty if the agent printed nothing. */
  synchronized String text() {
    return String.join("\n", lines);
  }
}
