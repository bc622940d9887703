package dev.hotplex.session;

import dev.hotplex.event.EventListener;
import dev.hotplex.secrets.SecretMasker;
import java.util.Optional;

/**
 * One warm agent: a long-lived CLI process reused across turns, one turn at a time. Obtain one from a
 * {@link SessionPool} or, standalone, from {@code Hotplex.session(options)}.
 *
 * <p>The process starts at the first turn (or earlier, from a pool's pre-warmed standby). If it dies (crash, kill,
 * a timeout that had to kill it), the turn fails with the exit code and the end of its stderr, and the next turn
 * starts a new process that resumes the agent's conversation. Thread-safe.
 */
public interface Session extends AutoCloseable {

  SessionKey key();

  SessionOptions options();

  /**
   * Masks this session's secrets (the provider's key as the agent receives it, and the declared secrets) in any
   * text. The engine already masks every event and result it delivers with it; apply it to other text that is
   * printed or stored (say, a prompt echoed in a log).
   */
  SecretMasker secretMasker();

  /**
   * Starts a turn (or queues it behind the running one). Events stream to {@code listener} in order, ending with
   * the {@code result} event.
   *
   * @throws SessionBusyException if a turn runs and the session fails fast
   * @throws SessionClosedException if the session was closed
   */
  Turn send(String prompt, EventListener listener);

  /** The agent's conversation id, once the first turn has started. */
  Optional<String> agentSessionId();

  /** The agent process id, if a process is running. */
  Optional<Long> pid();

  /** Number of turns sent so far. */
  int turnCount();

  /** True while a turn runs. */
  boolean busy();

  /** Interrupts the running turn, if any (no kill). */
  void interrupt();

  /** Ends the agent process and its whole process group; waits (bounded) for it. Idempotent. */
  @Override
  void close();
}
