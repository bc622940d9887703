package dev.hotplex.secrets;

import java.util.regex.Matcher;

/**
 * Masks one stream of text that arrives in chunks, so that a secret split between two chunks is still masked.
 *
 * <p>{@link #accept(String)} returns the masked text that is safe to release now and holds back only a tail
 * that could still turn out to be (part of) a secret once more text arrives: the text from the first position
 * where matching needed to look past the end of what has arrived. That tail is never longer than the longest
 * secret form minus one, and is usually empty, so a line-oriented log is not delayed. {@link #finish()} releases
 * the tail (masked) at the end of the stream.
 *
 * <pre>{@code
 * ChunkMasker chunks = masker.streaming();
 * out.write(chunks.accept(piece));   // as pieces arrive
 * out.write(chunks.finish());        // at end of stream
 * }</pre>
 *
 * <p>Not thread-safe: one instance per stream, fed by one thread at a time.
 */
public final class ChunkMasker {
  private final SecretMasker masker;
  private final StringBuilder pending = new StringBuilder();

  ChunkMasker(SecretMasker masker) {
    this.masker = masker;
  }

  /** Takes the next chunk and returns the masked text that can be released now (possibly empty). */
  public String accept(String chunk) {
    if (chunk == null || chunk.isEmpty()) {
      return "";
    }
    pending.append(chunk);
    return release(false);
  }

  /** Ends the stream: returns the held-back tail, masked. The masker can be reused for a new stream after. */
  public String finish() {
    return release(true);
  }

  /** How many characters are currently held back. */
  public int pendingLength() {
    return pending.length();
  }

  private String release(boolean endOfStream) {
    if (masker.pattern() == null) {
      String all = pending.toString();
      pending.setLength(0);
      return all;
    }
    Matcher matcher = masker.pattern().matcher(pending);
    int length = pending.length();
    int hold = endOfStream ? length : firstOpenPosition(matcher, length);
    StringBuilder out = new StringBuilder();
    int position = 0;
    // A match that starts before `hold` was decided without looking past the input: the full stream agrees.
    while (position < hold && matcher.find(position) && matcher.start() < hold) {
      out.append(pending, position, matcher.start()).append(SecretMasker.MASK);
      position = matcher.end();
    }
    if (position < hold) {
      out.append(pending, position, hold);
      position = hold;
    }
    pending.delete(0, position);
    return out.toString();
  }

  /**
   * The first position whose match attempt ran into the end of the input (a secret may continue in the next
   * chunk), or {@code length}. Attempts that start further back than the longest match cannot reach the end.
   */
  private int firstOpenPosition(Matcher matcher, int length) {
    for (int start = Math.max(0, length - masker.maxMatchLength()); start < length; start++) {
      matcher.region(start, length);
      matcher.lookingAt();
      if (matcher.hitEnd()) {
        matcher.reset();
        return start;
      }
    }
    matcher.reset();
    return length;
  }
}
