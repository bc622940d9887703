package dev.hotplex.server;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * The daemon's Prometheus metrics, in its own registry (so that two daemons in one JVM, as in tests, do not mix),
 * updated from the same events the clients see.
 */
final class Metrics {
  /** Turn latency buckets in seconds: interactive turns take seconds, agentic ones minutes. */
  private static final double[] TURN_SECONDS_BUCKETS = {0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
  private final Counter sessionsCreated;
  private final Counter turns;
  private final Counter toolCalls;
  private final Counter errors;
  private final Histogram turnSeconds;

  Metrics(IntSupplier activeSessions, IntSupplier activeClients) {
    sessionsCreated = Counter.builder().name("hotplex_sessions_total")
        .help("Sessions created through the daemon (sessions total)").register(registry);
    turns = Counter.builder().name("hotplex_turns_total").help("Turns ended, by outcome (success or error)")
        .labelNames("outcome").register(registry);
    toolCalls = Counter.builder().name("hotplex_tool_calls_total")
        .help("Tool calls decided, by decision (allow or deny)").labelNames("decision").register(registry);
    errors = Counter.builder().name("hotplex_errors_total")
        .help("Errors, by kind (agent: error events of a turn; request: failed API requests)")
        .labelNames("kind").register(registry);
    turnSeconds = Histogram.builder().name("hotplex_turn_duration_seconds").help("Wall time of a turn")
        .classicUpperBounds(TURN_SECONDS_BUCKETS).register(registry);
    GaugeWithCallback.builder().name("hotplex_sessions_active").help("Sessions with a live agent in the pool")
        .callback(cb -> cb.call(activeSessions.getAsInt())).register(registry);
    GaugeWithCallback.builder().name("hotplex_clients_active")
        .help("Open client connections (requests, event streams, WebSockets)")
        .callback(cb -> cb.call(activeClients.getAsInt())).register(registry);
  }

  void sessionCreated() {
    sessionsCreated.inc();
  }

  void requestFailed() {
    errors.labelValues("request").inc();
  }

  /** Counts what one event of a turn says. */
  void onEvent(AgentEvent event) {
    if (event instanceof AgentEvents.ToolDecision decision) {
      toolCalls.labelValues(decision.allowed() ? "allow" : "deny").inc();
    } else if (event instanceof AgentEvents.Error) {
      errors.labelValues("agent").inc();
    } else if (event instanceof TurnResult result) {
      turns.labelValues(result.isError() ? "error" : "success").inc();
      turnSeconds.observe(result.durationMs() / 1000.0);
    }
  }

  /** The Prometheus text exposition of every metric. */
  String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }
}
