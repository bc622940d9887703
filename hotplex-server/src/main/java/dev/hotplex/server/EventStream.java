package dev.hotplex.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves a turn's log as Server-Sent Events: {@code id:} is the event's sequence number, {@code event:} its type,
 * {@code data:} its JSON. The stream starts at {@code from=N} (the number of events the client already has) or
 * after the {@code Last-Event-ID} header, sends a comment every {@link #KEEP_ALIVE} while the agent is quiet, and
 * ends right after the {@code result} event. At most {@link #MAX_STREAMS} streams run at once (each holds a
 * server thread); more get 503.
 */
final class EventStream {
  /** Quiet time after which a comment line keeps proxies from closing the stream (default 15 s). */
  static final Duration KEEP_ALIVE = Duration.ofMillis(Long.getLong("hotplex.server.keepAliveMs", 15_000));
  /** Concurrent event streams, SSE and WebSocket (default 128; {@code hotplex.server.maxStreams}). */
  static final int MAX_STREAMS = Integer.getInteger("hotplex.server.maxStreams", 128);

  private final Semaphore streams = new Semaphore(MAX_STREAMS);
  private final Set<Thread> streaming = ConcurrentHashMap.newKeySet();

  /** Takes a stream slot, or returns false when all are in use. Release with {@link #release()}. */
  boolean tryAcquire() {
    return streams.tryAcquire();
  }

  void release() {
    streams.release();
  }

  /** The calling thread starts streaming: {@link #interruptAll()} will end it. Pair with {@link #exit()}. */
  void enter() {
    streaming.add(Thread.currentThread());
  }

  void exit() {
    streaming.remove(Thread.currentThread());
  }

  /** Ends every running stream (at daemon stop), so that no thread waits for events that never come. */
  void interruptAll() {
    streaming.forEach(Thread::interrupt);
  }

  /** The first sequence number to send: after {@code Last-Event-ID} if given, else {@code from}, else 0. */
  static long startSeq(Request request) {
    String lastEventId = request.getHeaders().get("Last-Event-ID");
    if (lastEventId != null && !lastEventId.isBlank()) {
      try {
        return Long.parseLong(lastEventId.trim()) + 1;
      } catch (NumberFormatException e) {
        throw Http.badRequest("The Last-Event-ID header must be an event's sequence number, not '" + lastEventId
            + "'.");
      }
    }
    return Http.longParameter(Http.query(request), "from", 0);
  }

  /** Streams {@code log} from {@code from} on until its result; blocks the calling thread. */
  void serve(TurnLog log, long from, Response response, Callback callback) {
    log.requireStart(from);
    if (!tryAcquire()) {
      Http.sendError(response, callback, 503, "Too many event streams (" + MAX_STREAMS + "); retry later.");
      return;
    }
    enter();
    startSse(response);
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      long next = from;
      while (true) {
        List<TurnLog.Entry> batch = log.read(next, KEEP_ALIVE);
        if (batch.isEmpty()) {
          if (log.complete()) {
            break;
          }
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        }
        for (TurnLog.Entry entry : batch) {
          out.write(frame(entry).getBytes(StandardCharsets.UTF_8));
          next = entry.seq() + 1;
        }
        out.flush();
      }
      out.close();
      callback.succeeded();
    } catch (IOException e) {
      callback.failed(e); // the client went away; it re-attaches with from=<events it has>
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      callback.failed(e);
    } finally {
      exit();
      release();
    }
  }

  /** The status and headers of an SSE response. */
  static void startSse(Response response) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
  }

  static String frame(TurnLog.Entry entry) {
    return "id: " + entry.seq() + "\nevent: " + entry.type() + "\ndata: " + entry.json() + "\n\n";
  }
}
