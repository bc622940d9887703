package dev.hotplex.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFramerTest {
  private final List<String> lines = new ArrayList<>();
  private final List<Long> oversized = new ArrayList<>();
  private final LineFramer.Sink sink = new LineFramer.Sink() {
    @Override
    public void line(String line) {
      lines.add(line);
    }

    @Override
    public void oversized(long bytes) {
      oversized.add(bytes);
    }
  };

  @Test
  void linesSplitAcrossReadsAreJoined() {
    LineFramer framer = new LineFramer(1024, sink);
    byte[] bytes = "{\"a\":1}\r\n{\"b\"".getBytes(StandardCharsets.UTF_8);
    framer.feed(bytes, 0, bytes.length);
    byte[] rest = ":2}\nlast".getBytes(StandardCharsets.UTF_8);
    framer.feed(rest, 0, rest.length);
    framer.finish();

    assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":2}", "last");
  }

  @Test
  void invalidUtf8IsReplacedNotThrown() {
    LineFramer framer = new LineFramer(1024, sink);
    byte[] bytes = {'o', 'k', (byte) 0xff, (byte) 0xc3, 0x28, '\n'};
    framer.feed(bytes, 0, bytes.length);

    assertThat(lines).singleElement().satisfies(line -> assertThat(line).startsWith("ok").contains("\uFFFD"));
  }

  @Test
  void lineOverTheCapIsSkippedWithoutBufferingIt() throws IOException {
    int cap = 1024 * 1024;
    long huge = 50L * 1024 * 1024;
    LineFramer framer = new LineFramer(cap, sink);
    framer.pump(new SequenceOfHugeLineThenShort(huge));

    assertThat(oversized).containsExactly(huge);
    assertThat(lines).containsExactly("after");
    assertThat(framer.bufferCapacity()).isLessThanOrEqualTo(cap);
  }

  @Test
  void lineExactlyAtTheCapIsKept() {
    LineFramer framer = new LineFramer(4, sink);
    byte[] bytes = "abcd\nabcde\nxy\n".getBytes(StandardCharsets.US_ASCII);
    framer.feed(bytes, 0, bytes.length);

    assertThat(lines).containsExactly("abcd", "xy");
    assertThat(oversized).containsExactly(5L);
  }

  @Test
  void anIdleReaderHoldsNoBufferUnlessALineIsHalfRead() throws IOException {
    List<Integer> capacityWhileWaiting = new ArrayList<>();
    LineFramer framer = new LineFramer(1024, sink);
    framer.pump(new Bursts(List.of("{\"a\":1}\n{\"b\"", ":2}\n", "x".repeat(3000) + "\n"),
        () -> capacityWhileWaiting.add(framer.bufferCapacity())));

    assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":2}");
    assertThat(oversized).containsExactly(3000L);
    assertThat(capacityWhileWaiting).hasSize(3);
    assertThat(capacityWhileWaiting.get(0)).as("waiting with half a line").isPositive();
    assertThat(capacityWhileWaiting.subList(1, 3)).as("waiting between lines").containsOnly(0);
  }

  /** Delivers each burst like a pipe: reads never cross into the next burst; waiting for one runs a callback. */
  private static final class Bursts extends InputStream {
    private final List<byte[]> bursts = new ArrayList<>();
    private final Runnable onWait;
    private int index;
    private int position;

    Bursts(List<String> bursts, Runnable onWait) {
      bursts.forEach(burst -> this.bursts.add(burst.getBytes(StandardCharsets.UTF_8)));
      this.onWait = onWait;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position == bursts.get(index).length) {
        onWait.run();
        if (index + 1 == bursts.size()) {
          return -1;
        }
        index++;
        position = 0;
      }
      int n = Math.min(length, available());
      System.arraycopy(bursts.get(index), position, buffer, offset, n);
      position += n;
      return n;
    }

    @Override
    public int available() {
      return bursts.get(index).length - position;
    }
  }

  /** {@code huge} bytes of 'x' then a newline and "after\n", generated on the fly. */
  private static final class SequenceOfHugeLineThenShort extends InputStream {
    private final long huge;
    private long position;
    private final InputStream tail = new ByteArrayInputStream("\nafter\n".getBytes(StandardCharsets.US_ASCII));

    SequenceOfHugeLineThenShort(long huge) {
      this.huge = huge;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (position < huge) {
        int n = (int) Math.min(length, huge - position);
        java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
        position += n;
        return n;
      }
      return tail.read(buffer, offset, length);
    }
  }
}
