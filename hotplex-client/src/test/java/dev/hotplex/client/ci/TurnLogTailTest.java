package dev.hotplex.client.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurnLogTailTest {
  private static final String INIT = "{\"seq\":0,\"event\":{\"type\":\"init\",\"agentSessionId\":\"a1\"}}\n";
  private static final String TEXT = "{\"seq\":1,\"event\":{\"type\":\"text\",\"text\":\"Looking at the diff.\"}}\n";
  private static final String RESULT = "{\"seq\":2,\"event\":{\"type\":\"result\",\"text\":\"Done.\",\"isError\":false,"
      + "\"subtype\":\"success\"}}\n";

  @TempDir Path dir;

  private Path log(String content) throws IOException {
    Path file = TurnLogTail.file(dir, "ses_0123456789abcdef", 2);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  @Test
  void turnLogLivesWhereTheDaemonWritesIt() {
    assertThat(TurnLogTail.file(Path.of("/state"), "ses_1", 3))
        .isEqualTo(Path.of("/state/sessions/ses_1/turns/3.ndjson"));
  }

  @Test
  void aLineStillBeingWrittenIsLeftForTheNextRead() throws Exception {
    Path file = log(INIT + TEXT.substring(0, 20));

    TurnLogTail.Chunk first = TurnLogTail.read(file, 0, TurnLogTail.CHUNK_BYTES);
    Files.writeString(file, TEXT.substring(20) + RESULT, StandardOpenOption.APPEND);
    TurnLogTail.Chunk second = TurnLogTail.read(file, first.nextOffset(), TurnLogTail.CHUNK_BYTES);
    TurnLogTail.Chunk nothingNew = TurnLogTail.read(file, second.nextOffset(), TurnLogTail.CHUNK_BYTES);

    assertThat(first.lines()).isEqualTo(INIT);
    assertThat(first.nextOffset()).isEqualTo(INIT.length());
    assertThat(second.lines()).isEqualTo(TEXT + RESULT);
    assertThat(nothingNew.lines()).isEmpty();
    assertThat(nothingNew.nextOffset()).isEqualTo(Files.size(file));
  }

  @Test
  void readsAtMostAboutTheChunkSizeButAlwaysAWholeLine() throws Exception {
    Path file = log(INIT + TEXT + RESULT);

    TurnLogTail.Chunk small = TurnLogTail.read(file, 0, INIT.length() + 5);
    TurnLogTail.Chunk tiny = TurnLogTail.read(file, small.nextOffset(), 3);

    assertThat(small.lines()).isEqualTo(INIT);
    assertThat(tiny.lines()).as("a line longer than the chunk is still read whole").isEqualTo(TEXT);
  }

  @Test
  void multiByteCharactersAcrossReadsStayIntact() throws Exception {
    String umlauts = "{\"seq\":0,\"event\":{\"type\":\"text\",\"text\":\"Grüße ✔\"}}\n";
    Path file = log(umlauts);

    TurnLogTail.Chunk chunk = TurnLogTail.read(file, 0, 40);

    assertThat(TurnLogTail.parse(chunk.lines())).singleElement()
        .satisfies(entry -> assertThat(entry.event()).isEqualTo(new AgentEvents.Text("Grüße ✔")));
    assertThat(chunk.nextOffset()).isEqualTo(umlauts.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void aQueuedTurnWithoutALogYetReadsAsNothingNew() throws Exception {
    TurnLogTail.Chunk chunk = TurnLogTail.read(dir.resolve("missing.ndjson"), 0, TurnLogTail.CHUNK_BYTES);

    assertThat(chunk.lines()).isEmpty();
    assertThat(chunk.nextOffset()).isZero();
  }

  @Test
  void anOffsetPastTheEndSaysTheLogWasReplaced() throws Exception {
    Path file = log(INIT);

    assertThatThrownBy(() -> TurnLogTail.read(file, 10_000, TurnLogTail.CHUNK_BYTES))
        .isInstanceOf(CiStepException.class).hasMessageContaining("past the end");
  }

  @Test
  void parseGivesEachEventWithItsSequenceNumber() {
    List<TurnLogTail.Entry> entries = TurnLogTail.parse(INIT + TEXT + RESULT);

    assertThat(entries).extracting(TurnLogTail.Entry::seq).containsExactly(0L, 1L, 2L);
    assertThat(entries.get(1).event()).isEqualTo(new AgentEvents.Text("Looking at the diff."));
    assertThat(entries.get(2).event()).isInstanceOfSatisfying(TurnResult.class,
        result -> assertThat(result.text()).isEqualTo("Done."));
  }

  @Test
  void parseNamesALineThatIsNotALoggedEvent() {
    assertThatThrownBy(() -> TurnLogTail.parse("{\"event\":{}}\n")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs \"seq\" and \"event\"");
    assertThatThrownBy(() -> TurnLogTail.parse("not json\n")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not json");
  }
}
