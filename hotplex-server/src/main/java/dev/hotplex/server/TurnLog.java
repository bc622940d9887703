package dev.hotplex.server;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.EventJson;
import dev.hotplex.event.TurnResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only event log of one turn: {@code <state>/sessions/<id>/turns/<n>.ndjson}, one line per event,
 * {@code {"seq":N,"event":{...}}}, with {@code seq} counting from 0. Readers ask for the events from a sequence
 * number on and wait for more, so a client that lost its connection re-attaches with the number of events it has
 * seen and gets neither a gap nor a duplicate. The last event of a complete log is always the turn's
 * {@code result}.
 *
 * <p>Durability is "fsync-light": each line is written through at once (it survives a crash of the daemon) and
 * the file is forced to disk only when the turn ends. When the file cannot be created or written (a full disk, an
 * unwritable state folder), the turn goes on in memory: readers get an error event that names the file and the
 * cause, then every event, result included (issue 9: the failure used to be logged and the events skipped the
 * daemon-wide stream and metrics).
 */
final class TurnLog {
  /** One logged event: its sequence number and its JSON (as {@link EventJson} writes it). */
  record Entry(long seq, String type, String json) {}

  private static final Logger LOG = LoggerFactory.getLogger(TurnLog.class);
  /** The most entries one read of a complete log takes from its file; readers come back for the rest. */
  static final int FILE_BATCH = 512;

  private final Path file;
  /** The events while the turn runs (or its file failed); null once a complete log is safely on disk. */
  private List<Entry> entries = new ArrayList<>();
  private int count;
  private String resultJson;
  private FileChannel channel;
  private boolean complete;
  /** Why the file cannot be written; null while it can. */
  private IOException diskFailure;
  private boolean diskFailureReported;

  private TurnLog(Path file) {
    this.file = file;
  }

  /** A new, empty log for a turn that is starting (kept in memory only if the file cannot be created). */
  static TurnLog create(Path file) {
    TurnLog log = new TurnLog(file);
    try {
      Files.createDirectories(file.getParent());
      log.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      log.diskFailed(e);
    }
    return log;
  }

  /**
   * The log a previous daemon left behind. If that daemon stopped before the turn ended, the log is closed with
   * an error result, so that every reader still sees the stream end.
   */
  static TurnLog load(Path file) throws IOException {
    TurnLog log = new TurnLog(file);
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      AgentEvent event;
      try {
        event = EventJson.fromJson(EventJson.mapper().readTree(line).path("event").toString());
      } catch (IOException | IllegalArgumentException torn) {
        break; // a line torn by a crash ends what can be trusted
      }
      log.remember(event);
    }
    if (log.complete) {
      log.releaseMemory();
    } else {
      log.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      List<Entry> kept = List.copyOf(log.entries);
      log.entries.clear();
      for (Entry entry : kept) {
        log.write(entry);
        log.entries.add(entry);
      }
      log.append(TurnResult.failure("error_daemon_stopped", "The hotplex daemon stopped before this turn ended;"
          + " the agent process was ended with it. Start the turn again.", null, 0, 0, List.of()));
    }
    return log;
  }

  /**
   * Appends one event and wakes the readers. Events after the result are ignored (a turn has one end).
   *
   * @return false when the event was ignored
   */
  synchronized boolean append(AgentEvent event) {
    if (complete) {
      return false;
    }
    String json = EventJson.toJson(event);
    boolean result = event instanceof TurnResult;
    if (diskFailure == null) {
      try {
        write(new Entry(count, typeOf(json), json));
        if (result) {
          channel.force(false);
          channel.close();
        }
      } catch (IOException e) {
        diskFailed(e);
      }
    }
    if (diskFailure != null && !diskFailureReported) {
      diskFailureReported = true;
      remember(EventJson.toJson(new AgentEvents.Error("hotplex cannot write the turn log " + file + " ("
          + diskFailure.getClass().getSimpleName() + ": " + diskFailure.getMessage() + "): this turn's events are"
          + " kept in memory only and are lost if the daemon stops. Free disk space there or fix the folder.")),
          false);
    }
    remember(json, result);
    if (complete && diskFailure == null) {
      releaseMemory();
    }
    notifyAll();
    return true;
  }

  /** A complete log that is on disk is read from there: a long-lived session's turns cost no heap. */
  private void releaseMemory() {
    entries = null;
  }

  private void diskFailed(IOException e) {
    diskFailure = e;
    LOG.warn("Cannot write the turn log {} ({}); the turn goes on in memory only", file, e.toString());
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing; the warning says enough
      }
    }
  }

  private Entry remember(AgentEvent event) {
    return remember(EventJson.toJson(event), event instanceof TurnResult);
  }

  private Entry remember(String json, boolean result) {
    Entry entry = new Entry(count++, typeOf(json), json);
    entries.add(entry);
    complete = result;
    if (result) {
      resultJson = json;
    }
    return entry;
  }

  private void write(Entry entry) throws IOException {
    String line = "{\"seq\":" + entry.seq() + ",\"event\":" + entry.json() + "}\n";
    ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  private static String typeOf(String json) {
    // EventJson writes the discriminator first: {"type":"<name>",...
    int start = json.indexOf(':') + 2;
    return json.substring(start, json.indexOf('"', start));
  }

  /**
   * The events from {@code fromSeq} on, waiting at most {@code wait} for the first of them. Empty when none came
   * in time (or the log is complete and the reader has everything).
   */
  synchronized List<Entry> read(long fromSeq, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (count <= fromSeq && !complete) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return List.of();
      }
      wait(Math.max(1, left / 1_000_000));
    }
    long from = Math.max(0, fromSeq);
    if (from >= count) {
      return List.of();
    }
    return entries != null ? List.copyOf(entries.subList((int) from, count)) : readFile(from);
  }

  /** Up to {@link #FILE_BATCH} entries of a complete log from its file, starting at {@code from}. */
  private List<Entry> readFile(long from) {
    List<Entry> batch = new ArrayList<>();
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long seq = 0;
      for (String line = lines.readLine(); line != null && batch.size() < FILE_BATCH; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        if (seq >= from) {
          // The line is exactly what write() made: {"seq":N,"event":<json>}
          String json = line.substring(line.indexOf(",\"event\":") + ",\"event\":".length(), line.length() - 1);
          batch.add(new Entry(seq, typeOf(json), json));
        }
        seq++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the turn log " + file + " (it was complete; was it deleted?)", e);
    }
    return batch;
  }

  /** Whether the events are held in memory (a running turn, or one whose file failed); for tests. */
  synchronized boolean inMemory() {
    return entries != null;
  }

  /**
   * Checks a reader's start: past the end of a complete log is a client error (it cannot have seen events that
   * never existed), so it gets a 400 rather than a stream without a result.
   */
  synchronized void requireStart(long fromSeq) {
    if (complete && fromSeq > count) {
      throw Http.badRequest("from=" + fromSeq + " is past the end: this turn has " + count + " events"
          + " (seq 0 to " + (count - 1) + ").");
    }
  }

  /** True once the result event is in. */
  synchronized boolean complete() {
    return complete;
  }

  synchronized int size() {
    return count;
  }

  /** The result event's JSON once complete, else null. */
  synchronized String resultJson() {
    return resultJson;
  }

}
