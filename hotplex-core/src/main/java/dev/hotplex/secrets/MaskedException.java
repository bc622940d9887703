package dev.hotplex.secrets;

/**
 * Stands in for an exception whose message showed a secret: same message with the secret masked, same stack
 * trace, and {@link #toString()} naming the original class, so a printed stack trace reads like the original.
 * Made by {@link SecretMasker#maskThrowable(Throwable)}.
 */
public final class MaskedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String originalClassName;

  MaskedException(String originalClassName, String maskedMessage) {
    super(maskedMessage);
    this.originalClassName = originalClassName;
  }

  /** The class name of the exception this one replaces, e.g. {@code java.io.IOException}. */
  public String originalClassName() {
    return originalClassName;
  }

  @Override
  public String toString() {
    String message = getLocalizedMessage();
    return message == null ? originalClassName : originalClassName + ": " + message;
  }
}
