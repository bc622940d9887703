package dev.hotplex.session;

/** What {@code send} does while another turn of the same session runs. */
public enum QueueMode {
  /** Wait in FIFO order (the default). */
  QUEUE,
  /** Fail at once with {@link SessionBusyException}. */
  FAIL_FAST
}
