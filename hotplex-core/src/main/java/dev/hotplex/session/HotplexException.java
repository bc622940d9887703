package dev.hotplex.session;

/** The base of hotplex's errors. Messages say what went wrong and what to do. */
public class HotplexException extends RuntimeException {
  public HotplexException(String message) {
    super(message);
  }

  public HotplexException(String message, Throwable cause) {
    super(message, cause);
  }
}
