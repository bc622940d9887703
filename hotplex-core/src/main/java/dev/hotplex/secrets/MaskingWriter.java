package dev.hotplex.secrets;

import java.io.IOException;
import java.io.Writer;
import java.util.Objects;

/**
 * A {@link Writer} that masks secrets before they reach {@code out}, also when a secret is split between two
 * {@code write} calls (see {@link ChunkMasker}).
 *
 * <p>{@link #flush()} flushes {@code out} but keeps back the short tail that could still be the start of a
 * secret; releasing it early would print half a secret if the rest follows. {@link #close()} releases the tail
 * and closes {@code out}. Not thread-safe, like most writers.
 *
 * <pre>{@code
 * try (Writer log = new MaskingWriter(new FileWriter(file, UTF_8), masker)) {
 *   log.write(agentOutput);
 * }
 * }</pre>
 */
public final class MaskingWriter extends Writer {
  private final Writer out;
  private final ChunkMasker chunks;
  private boolean closed;

  public MaskingWriter(Writer out, SecretMasker masker) {
    this.out = Objects.requireNonNull(out, "out");
    this.chunks = Objects.requireNonNull(masker, "masker").streaming();
  }

  @Override
  public void write(char[] buffer, int offset, int length) throws IOException {
    write(new String(buffer, offset, length));
  }

  @Override
  public void write(String text) throws IOException {
    ensureOpen();
    out.write(chunks.accept(text));
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    write(text.substring(offset, offset + length));
  }

  @Override
  public void flush() throws IOException {
    ensureOpen();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (out) {
      out.write(chunks.finish());
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("MaskingWriter is closed");
    }
  }
}
