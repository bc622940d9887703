package dev.hotplex.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into UTF-8 lines with a hard cap on line length. A longer line is not buffered: its bytes
 * are counted and dropped up to the next newline, and {@link Sink#oversized} reports its size. Invalid UTF-8 is
 * replaced (U+FFFD), never thrown. The buffer never grows past the cap, so a flood or a giant line costs at most
 * {@code maxLineBytes} of memory.
 */
final class LineFramer {
  private static final int READ_CHUNK = 64 * 1024;
  private static final int INITIAL_BUFFER = 8 * 1024;

  /** Receives framed lines, on the reading thread, one at a time. */
  interface Sink {
    void line(String line);

    void oversized(long bytes);
  }

  private final int maxLineBytes;
  private final Sink sink;
  private byte[] buffer = new byte[INITIAL_BUFFER];
  private int length;
  private long skipped = -1;

  LineFramer(int maxLineBytes, Sink sink) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive, not " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
    this.sink = sink;
  }

  /** Reads {@code in} to its end, framing as it goes. */
  void pump(InputStream in) throws IOException {
    byte[] chunk = new byte[READ_CHUNK];
    int n;
    while ((n = in.read(chunk)) >= 0) {
      feed(chunk, 0, n);
    }
    finish();
  }

  void feed(byte[] bytes, int offset, int count) {
    int start = offset;
    int end = offset + count;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        append(bytes, start, i - start);
        endLine();
        start = i + 1;
      }
    }
    append(bytes, start, end - start);
  }

  /** Emits a last line that had no newline. */
  void finish() {
    if (length > 0 || skipped >= 0) {
      endLine();
    }
  }

  /** The buffer's current capacity; never more than the cap. */
  int bufferCapacity() {
    return buffer.length;
  }

  private void append(byte[] bytes, int offset, int count) {
    if (count == 0) {
      return;
    }
    if (skipped >= 0) {
      skipped += count;
      return;
    }
    if ((long) length + count > maxLineBytes) {
      skipped = (long) length + count;
      length = 0;
      buffer = new byte[INITIAL_BUFFER];
      return;
    }
    if (length + count > buffer.length) {
      int grown = (int) Math.min(maxLineBytes, Math.max((long) buffer.length * 2, length + count));
      buffer = Arrays.copyOf(buffer, grown);
    }
    System.arraycopy(bytes, offset, buffer, length, count);
    length += count;
  }

  private void endLine() {
    if (skipped >= 0) {
      long size = skipped;
      skipped = -1;
      sink.oversized(size);
      return;
    }
    int end = length > 0 && buffer[length - 1] == '\r' ? length - 1 : length;
    String line = new String(buffer, 0, end, StandardCharsets.UTF_8);
    length = 0;
    sink.line(line);
  }
}
