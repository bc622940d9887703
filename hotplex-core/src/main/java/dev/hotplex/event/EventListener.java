package dev.hotplex.event;

/**
 * Receives a turn's events in order, on an engine thread. Keep it quick: a slow listener slows the turn (that is
 * the backpressure; nothing is buffered without bound). An exception thrown here is logged and does not stop the
 * turn.
 */
@FunctionalInterface
public interface EventListener {
  void onEvent(AgentEvent event);

  EventListener NONE = event -> {};
}
