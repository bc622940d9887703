package dev.hotplex.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.policy.PolicyFileException;
import dev.hotplex.policy.Policy;
import dev.hotplex.session.SessionOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /v1/sessions}: which session (name and scope) and how its agent runs. Only fields the
 * daemon honours are accepted; any other field is a 400 that names it, so a typo never silently does nothing.
 *
 * <pre>{@code
 * {"name":"review","scope":"build-42","provider":"claude","workDir":"/ws/repo",
 *  "allowedTools":["Read","Bash(git diff:*)"],"disallowedTools":[],"model":"sonnet","permissionMode":"default",
 *  "maxTurns":20,"timeout":"PT10M","baseUrl":"http://127.0.0.1:8089","appendSystemPrompt":"Be brief.",
 *  "policy":"/ws/repo/.hotplex/policy.yaml"}
 * }</pre>
 *
 * <p>Every tool call must pass the allowed/disallowed patterns, then the shipped default policy and the workspace
 * jail (rooted at {@code workDir}); {@code policy} adds a policy file's rules on top.
 */
record SessionRequest(String name, String scope, SessionOptions options) {
  static final String DEFAULT_SCOPE = "default";
  static final Set<String> FIELDS = Set.of("name", "scope", "provider", "workDir", "allowedTools",
      "disallowedTools", "model", "permissionMode", "maxTurns", "timeout", "baseUrl", "appendSystemPrompt",
      "includePartialMessages", "policy");

  /**
   * Reads a request on top of the daemon's defaults.
   *
   * @throws Http.ApiException (400) naming the bad or unknown field
   */
  static SessionRequest parse(JsonNode body, SessionOptions defaults) {
    requireKnownFields(body, FIELDS, "session request");
    SessionOptions.Builder options = defaults.toBuilder();
    String provider = text(body, "provider");
    if (provider != null) {
      options.provider(provider);
    }
    String workDir = text(body, "workDir");
    if (workDir == null) {
      throw Http.badRequest("The field 'workDir' is required: the absolute path of the agent's working directory.");
    }
    if (!Path.of(workDir).isAbsolute()) {
      throw Http.badRequest("The field 'workDir' must be an absolute path, not '" + workDir + "'.");
    }
    options.workDir(Path.of(workDir));
    if (body.hasNonNull("allowedTools")) {
      options.allowedTools(strings(body, "allowedTools"));
    }
    if (body.hasNonNull("disallowedTools")) {
      options.disallowedTools(strings(body, "disallowedTools"));
    }
    options.model(text(body, "model")).permissionMode(text(body, "permissionMode"))
        .baseUrl(text(body, "baseUrl")).appendSystemPrompt(text(body, "appendSystemPrompt"));
    if (body.has("includePartialMessages")) {
      options.includePartialMessages(body.path("includePartialMessages").asBoolean());
    }
    try {
      if (body.has("maxTurns")) {
        options.maxTurns(integer(body, "maxTurns"));
      }
      if (body.hasNonNull("timeout")) {
        options.turnTimeout(duration(body.get("timeout")));
      }
      String policy = text(body, "policy");
      if (policy != null) {
        options.policy(loadPolicy(Path.of(policy)));
      }
      String name = text(body, "name");
      String scope = text(body, "scope");
      return new SessionRequest(name, scope == null ? DEFAULT_SCOPE : scope, options.build());
    } catch (IllegalArgumentException | PolicyFileException e) {
      throw Http.badRequest(e.getMessage());
    }
  }

  /** A policy file on the daemon's machine, applied on top of the shipped defaults as for {@code hotplex run}. */
  private static Policy loadPolicy(Path file) {
    if (!file.isAbsolute()) {
      throw Http.badRequest("The field 'policy' must be the absolute path of a policy file on the daemon's"
          + " machine, not '" + file + "'.");
    }
    return Policy.load(file);
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw Http.badRequest("The field '" + field + "' must be a string.");
    }
    return value.asText();
  }

  private static int integer(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (!value.isIntegralNumber()) {
      throw Http.badRequest("The field '" + field + "' must be an integer.");
    }
    return value.asInt();
  }

  /**
   * Refuses a field the daemon does not know, so a typo never silently does nothing.
   *
   * @throws Http.ApiException (400) naming the field and the known ones
   */
  static void requireKnownFields(JsonNode body, Set<String> known, String what) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!known.contains(field)) {
        throw Http.badRequest("Unknown field '" + field + "' in the " + what + ". Known fields: "
            + known.stream().sorted().toList() + ".");
      }
    }
  }

  /** A present, non-null field that must be an array of strings. */
  static List<String> strings(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (!value.isArray()) {
      throw Http.badRequest("The field '" + field + "' must be an array of strings, e.g. [\"Read\",\"Bash(git diff:*)\"].");
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw Http.badRequest("The field '" + field + "' must hold only strings.");
      }
      items.add(item.asText());
    }
    return List.copyOf(items);
  }

  /** A number of seconds, or an ISO-8601 duration such as {@code PT10M}. */
  private static Duration duration(JsonNode value) {
    if (value.isNumber()) {
      return Duration.ofMillis(Math.round(value.asDouble() * 1000));
    }
    try {
      return Duration.parse(value.asText());
    } catch (DateTimeParseException e) {
      throw Http.badRequest("The field 'timeout' must be seconds (a number) or an ISO-8601 duration such as"
          + " \"PT10M\", not '" + value.asText() + "'.");
    }
  }
}
