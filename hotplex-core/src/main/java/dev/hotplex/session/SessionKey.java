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
  }

  public static SessionKey of(String scope, String id) {
    return new SessionKey(scope, id);
  }

  @Override
  public String toString() {
    return scope + "/" + id;
  }
}
