package dev.hotplex.audit;

import dev.hotplex.session.HotplexException;

/** The audit log cannot be opened or written; the message names the file and the cause. */
public final class AuditLogException extends HotplexException {
  private static final long serialVersionUID = 1L;

  public AuditLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
