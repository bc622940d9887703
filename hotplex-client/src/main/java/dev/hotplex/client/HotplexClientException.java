package dev.hotplex.client;

import java.io.IOException;

/** The daemon answered with an error, or could not be reached; {@link #status()} is the HTTP status or -1. */
public class HotplexClientException extends IOException {
  private final int status;

  public HotplexClientException(int status, String message) {
    super(message);
    this.status = status;
  }

  public HotplexClientException(String message, Throwable cause) {
    super(message, cause);
    this.status = -1;
  }

  /** The HTTP status, or -1 when there was no answer. */
  public int status() {
    return status;
  }
}
