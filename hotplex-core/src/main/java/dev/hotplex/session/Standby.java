package dev.hotplex.session;

import dev.hotplex.transport.AgentThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one pre-warmed agent process of a pool. It was spawned (and its protocol started) for a given
 * {@link LaunchPlan.Launch}; a new session whose first launch is equal (same provider, command line after the
 * sandbox wrap, working directory, environment and agent settings) takes it over, so its first turn skips the
 * spawn. A standby nobody takes is closed after {@code expiry}.
 */
final class Standby {
  private static final Logger LOG = LoggerFactory.getLogger(Standby.class);

  private final Duration expiry;
  private AgentProcess process;
  private ScheduledFuture<?> expiryTimer;
  private boolean closed;

  /** @param expiry how long an untaken standby lives, or null for as long as the pool */
  Standby(Duration expiry) {
    this.expiry = expiry;
  }

  /** The standby process if it matches {@code launch} and still runs; else null. */
  synchronized AgentProcess take(LaunchPlan.Launch launch) {
    if (process == null || !process.launch.equals(launch) || !process.alive()) {
      return null;
    }
    AgentProcess taken = process;
    process = null;
    cancelExpiry();
    LOG.debug("Pre-warmed agent pid {} taken over", taken.transport.pid());
    return taken;
  }

  /** Spawns a new standby for {@code launch}, replacing (and closing) the current one. */
  void refill(LaunchPlan plan, LaunchPlan.Launch launch) {
    AgentProcess fresh;
    try {
      fresh = AgentProcess.spawn(plan, launch);
    } catch (IOException | RuntimeException e) {
      LOG.info("Could not pre-warm an agent process: {}", e.toString());
      return;
    }
    AgentProcess old;
    synchronized (this) {
      if (closed) {
        old = fresh;
      } else {
        old = process;
        process = fresh;
        cancelExpiry();
        if (expiry != null) {
          // Bound to this process: a timer that fires as a refill replaces it must not close the fresh one.
          expiryTimer = AgentThreads.timer().schedule(() -> AgentThreads.worker().execute(() -> expire(fresh)),
              expiry.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    }
    if (old != null) {
      AgentThreads.worker().execute(old.transport::close);
    }
  }

  /** Closes the standby if it is still {@code expected} (any standby when null). */
  private void expire(AgentProcess expected) {
    AgentProcess old;
    synchronized (this) {
      if (process == null || (expected != null && process != expected)) {
        return;
      }
      old = process;
      process = null;
    }
    LOG.debug("Closing unused pre-warmed agent pid {}", old.transport.pid());
    old.transport.close();
  }

  /** The standby's pid, if one runs. */
  synchronized java.util.Optional<Long> pid() {
    return process == null ? java.util.Optional.empty() : java.util.Optional.of(process.transport.pid());
  }

  void close() {
    synchronized (this) {
      closed = true;
      cancelExpiry();
    }
    expire(null);
  }

  private void cancelExpiry() {
    if (expiryTimer != null) {
      expiryTimer.cancel(false);
      expiryTimer = null;
    }
  }
}
