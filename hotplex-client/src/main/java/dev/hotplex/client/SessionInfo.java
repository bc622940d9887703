package dev.hotplex.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A daemon session as {@code GET /v1/sessions/{id}} describes it.
 *
 * @param id the daemon's id ({@code ses_...}), used in every other call
 * @param alive true while the agent process runs (the daemon restarts it, resuming, at the next turn)
 * @param pid the agent process id, or -1 when none runs
 * @param created true when the call that returned this created the session, false when it re-used one
 */
public record SessionInfo(String id, String name, String scope, String provider, String workDir, int turns,
    boolean alive, boolean busy, long pid, boolean created) {

  static SessionInfo from(JsonNode json, boolean created) {
    return new SessionInfo(json.path("id").asText(), json.path("name").asText(), json.path("scope").asText(),
        json.path("provider").asText(), json.path("workDir").asText(), json.path("turns").asInt(),
        json.path("alive").asBoolean(), json.path("busy").asBoolean(), json.path("pid").asLong(-1), created);
  }
}
