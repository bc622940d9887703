package dev.hotplex.session;

/** The session was closed (by the caller, idle timeout or eviction) and takes no more turns. */
public class SessionClosedException extends HotplexException {
  public SessionClosedException(String message) {
    super(message);
  }
}
