package dev.hotplex.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.session.SessionOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the daemon's handlers share: sessions, streams, the event bus, metrics and client activity. */
final class ServerContext {
  private final DaemonSessions sessions;
  private final SessionOptions sessionDefaults;
  private final EventStream streams = new EventStream();
  private final EventBus bus = new EventBus();
  private final AtomicInteger clients = new AtomicInteger();
  private final AtomicLong lastActivityNanos = new AtomicLong(System.nanoTime());
  private final AtomicLong turnsStarted = new AtomicLong();
  private final Instant started = Instant.now();
  private final Metrics metrics;
  private final Runnable shutdown;

  /** @param shutdown stops the daemon (without waiting), for {@code POST /v1/shutdown} */
  ServerContext(DaemonSessions sessions, SessionOptions sessionDefaults, Runnable shutdown) {
    this.sessions = sessions;
    this.sessionDefaults = sessionDefaults;
    this.shutdown = shutdown;
    this.metrics = new Metrics(sessions::liveAgents, clients::get);
  }

  DaemonSessions sessions() {
    return sessions;
  }

  SessionOptions sessionDefaults() {
    return sessionDefaults;
  }

  EventStream streams() {
    return streams;
  }

  EventBus bus() {
    return bus;
  }

  Metrics metrics() {
    return metrics;
  }

  /**
   * Starts a turn whose events also feed the metrics and the daemon-wide bus.
   *
   * @param tools the turn's own tool patterns, or null for the session's
   */
  DaemonSession.TurnRecord startTurn(DaemonSession session, String prompt, TurnTools tools) {
    turnsStarted.incrementAndGet();
    return session.startTurn(prompt, tools, item -> {
      if (item.event() != null) {
        metrics.onEvent(item.event());
      }
      bus.publish(item);
    });
  }

  /** Starts stopping the daemon: every session closes, then the listener; the caller is answered first. */
  void shutdown() {
    shutdown.run();
  }

  /** A client connection (request, stream, WebSocket) began. */
  void clientEntered() {
    clients.incrementAndGet();
    lastActivityNanos.set(System.nanoTime());
  }

  void clientLeft() {
    clients.decrementAndGet();
    lastActivityNanos.set(System.nanoTime());
  }

  /** True when no client is connected, no agent is live, and nothing happened for {@code idle}. */
  boolean idleFor(Duration idle) {
    return clients.get() == 0 && sessions.liveAgents() == 0
        && System.nanoTime() - lastActivityNanos.get() >= idle.toNanos();
  }

  ObjectNode stats() {
    return Http.MAPPER.createObjectNode()
        .put("pid", ProcessHandle.current().pid())
        .put("started", started.toString())
        .put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds())
        .put("sessions", sessions.all().size())
        .put("liveAgents", sessions.liveAgents())
        .put("clients", clients.get())
        .put("turnsStarted", turnsStarted.get());
  }
}
