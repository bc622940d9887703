package dev.hotplex.testkit.github;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One HTTP call the {@link FakeGitHub} received, recorded before it was answered.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the path without the query, e.g. {@code /repos/octo/sample/pulls/7/reviews}
 * @param query the raw query without {@code ?}; empty when there is none
 * @param authorization the {@code Authorization} header as sent, or null (holds the token: never print it)
 * @param body the parsed JSON body; a missing node when there was none
 * @param status the status the fake answered with
 */
public record GitHubCall(String method, String path, String query, String authorization, JsonNode body,
    int status) {

  /** Whether this call has {@code method} and a path matching the regular expression {@code pathRegex}. */
  public boolean is(String method, String pathRegex) {
    return this.method.equals(method) && path.matches(pathRegex);
  }

  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> " + status;
  }
}
