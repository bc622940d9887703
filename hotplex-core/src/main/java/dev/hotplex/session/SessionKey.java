package dev.hotplex.session;

import java.util.Objects;

/**
 * Names a session in a pool: a caller-chosen id within a scope (Jenkins uses build + node as the scope, the CLI
 * uses {@code cli}).
 */
public record SessionKey(String scope, String id) {
  public SessionKey {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("session id must not be blank");
    }
    requirePrintable("scope", scope);
    requirePrintable("id", id);
  }

  /** Keys appear in logs and audit records: a line break or escape sequence in one would forge or hide lines. */
  private static void requirePrintable(String what, String value) {
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("session " + what + " must not contain control characters (line breaks,"
          + " tabs, escape sequences): " + value.codePoints()
          .map(c -> Character.isISOControl(c) ? '?' : c)
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append));
    }
  }

  public static SessionKey of(String scope, String id) {
    return new SessionKey(scope, id);
  }

  @Override
  public String toString() {
    return scope + "/" + id;
  }
}
