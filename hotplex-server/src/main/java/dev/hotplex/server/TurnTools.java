package dev.hotplex.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.policy.PermissionHandler;
import dev.hotplex.session.SessionOptions;
import java.util.List;
import java.util.Set;

/**
 * Tool patterns for one turn, from the body of {@code POST /v1/sessions/{id}/turns}: they replace the session's
 * {@code allowedTools} and {@code disallowedTools} for that turn only (a list left out keeps the session's). The
 * shipped policy, the session's policy file and the workspace jail still apply. The agent's own
 * {@code --disallowedTools} stay those the session was created with.
 *
 * <pre>{@code
 * {"prompt":"Fix the problems you listed.","allowedTools":["Read","Edit","Bash"]}
 * }</pre>
 *
 * @param allowedTools the turn's allowed patterns, or null for the session's
 * @param disallowedTools the turn's disallowed patterns, or null for the session's
 */
record TurnTools(List<String> allowedTools, List<String> disallowedTools) {
  static final Set<String> FIELDS = Set.of("prompt", "allowedTools", "disallowedTools");

  /**
   * The tool patterns of a turn request, or null when it names none.
   *
   * @throws Http.ApiException (400) for an unknown field or a field that is not a list of strings
   */
  static TurnTools parse(JsonNode body) {
    SessionRequest.requireKnownFields(body, FIELDS, "turn request");
    List<String> allowed = body.hasNonNull("allowedTools") ? SessionRequest.strings(body, "allowedTools") : null;
    List<String> disallowed = body.hasNonNull("disallowedTools")
        ? SessionRequest.strings(body, "disallowedTools") : null;
    return allowed == null && disallowed == null ? null : new TurnTools(allowed, disallowed);
  }

  /**
   * The policed handler for this turn: the session's options with these patterns.
   *
   * @throws Http.ApiException (400) naming a malformed pattern
   */
  PermissionHandler handler(SessionOptions session) {
    SessionOptions.Builder turn = session.toBuilder();
    if (allowedTools != null) {
      turn.allowedTools(allowedTools);
    }
    if (disallowedTools != null) {
      turn.disallowedTools(disallowedTools);
    }
    try {
      return turn.build().permissionHandler();
    } catch (IllegalArgumentException malformed) {
      throw Http.badRequest(malformed.getMessage());
    }
  }
}
