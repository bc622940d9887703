package dev.hotplex.sandbox;

import dev.hotplex.session.HotplexException;

/** The sandbox was required but bubblewrap is missing or does not work here; the message says what to do. */
public final class SandboxUnavailableException extends HotplexException {
  private static final long serialVersionUID = 1L;

  public SandboxUnavailableException(String message) {
    super(message);
  }
}
