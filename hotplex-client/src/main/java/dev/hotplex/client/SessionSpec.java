package dev.hotplex.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.event.EventJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What session to create or re-use: the body of {@code POST /v1/sessions}. The daemon re-uses the session with
 * the same scope and name (keeping its original settings).
 *
 * <pre>{@code
 * SessionSpec spec = SessionSpec.named("review").scope("build-42").workDir(Path.of("/ws/repo"))
 *     .allowedTools(List.of("Read", "Bash(git diff:*)"));
 * }</pre>
 */
public final class SessionSpec {
  private final ObjectNode json = EventJson.mapper().createObjectNode();

  private SessionSpec(String name) {
    if (name != null) {
      json.put("name", name);
    }
  }

  /** A session the daemon re-uses by name within its scope. */
  public static SessionSpec named(String name) {
    return new SessionSpec(Objects.requireNonNull(name, "name"));
  }

  /** A new session each time (the daemon picks the name). */
  public static SessionSpec anonymous() {
    return new SessionSpec(null);
  }

  public SessionSpec scope(String value) { json.put("scope", value); return this; }
  public SessionSpec provider(String value) { json.put("provider", value); return this; }
  /** The agent's working directory on the daemon's machine; made absolute here. */
  public SessionSpec workDir(Path value) { json.put("workDir", value.toAbsolutePath().toString()); return this; }
  public SessionSpec allowedTools(List<String> value) { json.putPOJO("allowedTools", List.copyOf(value)); return this; }
  public SessionSpec disallowedTools(List<String> value) { json.putPOJO("disallowedTools", List.copyOf(value)); return this; }
  public SessionSpec model(String value) { json.put("model", value); return this; }
  public SessionSpec permissionMode(String value) { json.put("permissionMode", value); return this; }
  public SessionSpec maxTurns(int value) { json.put("maxTurns", value); return this; }
  public SessionSpec timeout(Duration value) { json.put("timeout", value.toString()); return this; }
  public SessionSpec baseUrl(String value) { json.put("baseUrl", value); return this; }
  public SessionSpec appendSystemPrompt(String value) { json.put("appendSystemPrompt", value); return this; }
  /** A policy file on the daemon's machine whose rules apply on top of the shipped ones; made absolute here. */
  public SessionSpec policy(Path value) { json.put("policy", value.toAbsolutePath().toString()); return this; }

  /** The request body, a copy. */
  public ObjectNode toJson() {
    return json.deepCopy();
  }
}
