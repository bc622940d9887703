package dev.hotplex.server;

import dev.hotplex.event.AgentEvent;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;

/**
 * Live events of every session, for the daemon-wide streams (the OpenCode-compatible {@code /event}). Each
 * subscriber names the session it wants (or all) and has a bounded queue: a subscriber that falls
 * {@value #QUEUE_CAPACITY} events behind is dropped (its stream ends) rather than buffered without bound. The
 * per-turn logs, not this bus, are the record to re-attach to.
 */
final class EventBus {
  /** Events a subscriber may fall behind before it is dropped (default 4096; {@code hotplex.server.busQueue}). */
  static final int QUEUE_CAPACITY = Integer.getInteger("hotplex.server.busQueue", 4096);

  /** One published item: a turn started ({@code event} null) or one of its events. */
  record Item(String sessionId, int turn, AgentEvent event) {}

  private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();

  /** Subscribes to one session's events, or every session's when {@code sessionId} is null. */
  Subscription subscribe(String sessionId) {
    Subscription subscription = new Subscription(sessionId);
    subscriptions.add(subscription);
    return subscription;
  }

  void publish(Item item) {
    for (Subscription subscription : subscriptions) {
      subscription.offer(item);
    }
  }

  /** A subscriber's queue. Close it when the stream ends. */
  final class Subscription implements AutoCloseable {
    private final String sessionId;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private volatile boolean overflowed;

    private Subscription(String sessionId) {
      this.sessionId = sessionId;
    }

    private void offer(Item item) {
      if (sessionId != null && !sessionId.equals(item.sessionId())) {
        return;
      }
      if (!queue.offer(item)) {
        overflowed = true;
        subscriptions.remove(this);
      }
    }

    /** The next item, or null when none came within {@code wait}. */
    Item next(Duration wait) throws InterruptedException {
      return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True when this subscriber fell too far behind and was dropped. */
    boolean overflowed() {
      return overflowed && queue.isEmpty();
    }

    @Override
    public void close() {
      subscriptions.remove(this);
    }
  }
}
