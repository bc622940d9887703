package dev.hotplex.session;

/** A turn was sent while another one ran, and the session is set to fail fast ({@link QueueMode#FAIL_FAST}). */
public class SessionBusyException extends HotplexException {
  public SessionBusyException(String message) {
    super(message);
  }
}
