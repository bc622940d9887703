package dev.hotplex.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.EventJson;
import dev.hotplex.event.TurnResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class TurnLogTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  @TempDir Path dir;

  private static TurnResult success(String text) {
    return new TurnResult(text, false, "success", "conv-1", null, 0, 5, 0, 1, 0, List.of(), null, null, null);
  }

  @Test
  void readsFromAnOffsetWithoutGapOrDuplicate() throws Exception {
    TurnLog log = TurnLog.create(dir.resolve("turns/1.ndjson"));
    log.append(new AgentEvents.Text("a"));
    log.append(new AgentEvents.Text("b"));
    log.append(new AgentEvents.Text("c"));

    assertThat(log.read(1, WAIT)).extracting(TurnLog.Entry::seq).containsExactly(1L, 2L);
    assertThat(log.read(3, Duration.ofMillis(10))).isEmpty();
  }

  @Test
  void aCompleteLogIsReadFromItsFileInBatchesAndHeldInMemoryNoLonger() throws Exception {
    TurnLog log = TurnLog.create(dir.resolve("turns/1.ndjson"));
    int texts = TurnLog.FILE_BATCH + 10;
    for (int i = 0; i < texts; i++) {
      log.append(new AgentEvents.Text("line \"" + i + "\" with ,\"event\": in it"));
    }
    List<TurnLog.Entry> live = log.read(0, WAIT);
    assertThat(log.inMemory()).isTrue();

    log.append(success("done"));

    assertThat(log.inMemory()).isFalse();
    List<TurnLog.Entry> first = log.read(0, WAIT);
    List<TurnLog.Entry> rest = log.read(first.size(), WAIT);
    assertThat(first).hasSize(TurnLog.FILE_BATCH);
    assertThat(first).isEqualTo(live.subList(0, TurnLog.FILE_BATCH));
    assertThat(rest).hasSize(texts - TurnLog.FILE_BATCH + 1);
    assertThat(rest.get(0)).isEqualTo(live.get(TurnLog.FILE_BATCH));
    assertThat(rest.get(rest.size() - 1).type()).isEqualTo("result");
    assertThat(log.read(texts + 1, Duration.ofMillis(10))).isEmpty();
    assertThat(log.resultJson()).contains("\"text\":\"done\"");
    assertThat(log.size()).isEqualTo(texts + 1);
  }

  @Test
  void fileHoldsOneSeqNumberedLinePerEvent() throws Exception {
    Path file = dir.resolve("turns/1.ndjson");
    TurnLog log = TurnLog.create(file);
    log.append(new AgentEvents.Text("hi"));
    log.append(success("hi"));

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("{\"seq\":0,\"event\":" + EventJson.toJson(new AgentEvents.Text("hi")) + "}");
    assertThat(lines.get(1)).startsWith("{\"seq\":1,\"event\":{\"type\":\"result\"");
  }

  @Test
  void waitingReaderWakesOnAppendAndStopsAtTheResult() throws Exception {
    TurnLog log = TurnLog.create(dir.resolve("turns/1.ndjson"));
    CompletableFuture<List<TurnLog.Entry>> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return log.read(0, WAIT);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    log.append(new AgentEvents.Text("late"));

    assertThat(reader.get()).extracting(TurnLog.Entry::type).containsExactly("text");
    log.append(success("done"));
    log.append(new AgentEvents.Text("after the end"));
    assertThat(log.complete()).isTrue();
    assertThat(log.size()).isEqualTo(2);
    assertThat(log.read(2, WAIT)).isEmpty();
  }

  @Test
  void logOfADaemonThatDiedMidTurnEndsWithAnErrorResultWhenLoaded() throws Exception {
    Path file = dir.resolve("turns/1.ndjson");
    TurnLog log = TurnLog.create(file);
    log.append(new AgentEvents.Text("half"));
    Files.writeString(file, "{\"seq\":1,\"event\":{\"type\":\"te", java.nio.file.StandardOpenOption.APPEND);

    TurnLog loaded = TurnLog.load(file);

    assertThat(loaded.complete()).isTrue();
    List<TurnLog.Entry> entries = loaded.read(0, WAIT);
    assertThat(entries).extracting(TurnLog.Entry::type).containsExactly("text", "result");
    AgentEvent end = EventJson.fromJson(entries.get(1).json());
    assertThat(((TurnResult) end).isError()).isTrue();
    assertThat(((TurnResult) end).subtype()).isEqualTo("error_daemon_stopped");
    assertThat(Files.readAllLines(file)).hasSize(2);
  }

  @Test
  void logThatCannotBeWrittenSaysWhyFirstAndKeepsEveryEventInMemory() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a folder").resolve("turns/1.ndjson");
    TurnLog log = TurnLog.create(file);

    assertThat(log.append(new AgentEvents.Text("hi"))).isTrue();
    assertThat(log.append(success("hi"))).isTrue();

    List<TurnLog.Entry> entries = log.read(0, WAIT);
    assertThat(entries).extracting(TurnLog.Entry::type).containsExactly("error", "text", "result");
    assertThat(((AgentEvents.Error) EventJson.fromJson(entries.get(0).json())).message())
        .contains("cannot write the turn log " + file).contains("FileSystemException").contains("memory only");
    assertThat(log.complete()).isTrue();
  }
}
