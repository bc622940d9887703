package dev.hotplex.client;

import dev.hotplex.event.AgentEvent;

/**
 * Receives a turn's events with their sequence numbers. A caller that must survive its own restart (a Jenkins
 * step) saves {@code seq + 1} and later streams again from there: it gets every later event once.
 */
@FunctionalInterface
public interface TurnEventListener {
  void onEvent(long seq, AgentEvent event);
}
