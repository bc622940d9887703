package dev.hotplex.testkit.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** What the fake answers to one call: a status, a JSON body and extra headers (such as {@code Link}). */
record Answer(int status, JsonNode body, Map<String, String> headers) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Answer ok(JsonNode body) {
    return new Answer(200, body, Map.of());
  }

  static Answer created(JsonNode body) {
    return new Answer(201, body, Map.of());
  }

  /** An error with GitHub's body shape: {@code {"message": ..., "documentation_url": ...}}. */
  static Answer error(int status, String message) {
    return new Answer(status, JSON.createObjectNode().put("message", message)
        .put("documentation_url", "https://docs.github.com/rest"), Map.of());
  }

  static Answer notFound() {
    return error(404, "Not Found");
  }
}
