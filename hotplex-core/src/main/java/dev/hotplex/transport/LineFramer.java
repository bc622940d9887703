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
 *
 * <p>An idle reader holds no buffer of its own: every session has two readers that spend most of their life waiting,
 * so {@link #pump} waits with a one-byte read (the JDK buffers process pipes itself), reads what has arrived in a
 * chunk sized to it, and drops the line buffer when no partial line is left.
 */
final class LineFramer {
  /** Most bytes read in one go when output floods in. */
  private static final int READ_CHUNK = 64 * 1024;
  /** Smallest line buffer allocated for a line that spans reads. */
  private static final int MIN_BUFFER = 1024;
  private static final byte[] NO_BYTES = new byte[0];

  /** Receives framed lines, on the reading thread, one at a time. */
  interface Sink {
    void line(String line);

    void oversized(long bytes);
  }

  private final int maxLineBytes;
  private final Sink sink;
  /** The start of a line that spans reads; empty between lines. */
  private byte[] buffer = NO_BYTES;
  private int length;
  private long skipped = -1;

  LineFramer(int maxLineBytes, Sink sink) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive, not " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
    this.sink = sink;
  }

  /** Reads {@code in} to its end, framing as it goes; between bursts of output it holds no buffer. */
  void pump(InputStream in) throws IOException {
    int first;
    while ((first = in.read()) >= 0) {
      byte[] chunk = new byte[1 + Math.max(0, Math.min(READ_CHUNK - 1, in.available()))];
      chunk[0] = (byte) first;
      int count = 1;
      int n;
      while (count < chunk.length && (n = in.read(chunk, count, chunk.length - count)) > 0) {
        count += n;
      }
      feed(chunk, 0, count);
      if (length == 0) {
        buffer = NO_BYTES;
      }
    }
    finish();
  }

  void feed(byte[] bytes, int offset, int count) {
    int start = offset;
    int end = offset + count;
    for (int i = offset; i < end; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      if (length == 0 && skipped < 0 && i - start <= maxLineBytes) {
        emit(bytes, start, i - start); // the whole line is in this read: no copy into the buffer
      } else {
        append(bytes, start, i - start);
        endLine();
      }
      start = i + 1;
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
      buffer = NO_BYTES;
      return;
    }
    if (length + count > buffer.length) {
      long wanted = Math.max(Math.max((long) buffer.length * 2, MIN_BUFFER), length + count);
      buffer = Arrays.copyOf(buffer, (int) Math.min(maxLineBytes, wanted));
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
    int count = length;
    length = 0;
    emit(buffer, 0, count);
  }

  /** One line without its newline; a carriage return before the newline is dropped too. */
  private void emit(byte[] bytes, int offset, int count) {
    int end = count > 0 && bytes[offset + count - 1] == '\r' ? count - 1 : count;
    sink.line(new String(bytes, offset, end, StandardCharsets.UTF_8));
  }
}
