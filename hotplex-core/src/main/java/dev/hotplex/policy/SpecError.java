package dev.hotplex.policy;

/** A semantic error in a policy file at a JSON pointer; the loader turns the pointer into line and column. */
final class SpecError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final String pointer;

  SpecError(String pointer, String message) {
    super(message, null, false, false);
    this.pointer = pointer;
  }

  /** The same error, under a parent pointer. */
  SpecError under(String parent) {
    return new SpecError(parent + pointer, getMessage());
  }
}
