package dev.hotplex.client.ci;

import java.io.IOException;

/**
 * A CI step cannot go on for a reason its user can fix; the message says what and how, and is meant to be shown
 * as it is (a Jenkins {@code AbortException}), without a stack trace.
 */
public class CiStepException extends IOException {
  private static final long serialVersionUID = 1L;

  public CiStepException(String message) {
    super(message);
  }
}
