package dev.hotplex.cli.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the runner tells a step about its job through the {@code GITHUB_*} variables: the workspace, the repository,
 * the event and its payload, the API to call and the files that take outputs and the step summary.
 *
 * @param event the parsed event payload ({@code GITHUB_EVENT_PATH}); a missing node when there is none
 * @param apiUrl the REST API root ({@code GITHUB_API_URL}, https://api.github.com on github.com)
 * @param outputFile {@code GITHUB_OUTPUT}, or null outside a job
 * @param summaryFile {@code GITHUB_STEP_SUMMARY}, or null outside a job
 * @param tempDir a folder for hotplex's own files ({@code RUNNER_TEMP}, else the JVM's)
 */
record GitHubContext(Path workspace, String repository, String eventName, JsonNode event, URI apiUrl,
    String serverUrl, String runId, String refName, Path outputFile, Path summaryFile, Path tempDir) {

  static final String DEFAULT_API_URL = "https://api.github.com";
  static final String DEFAULT_SERVER_URL = "https://github.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the context; what is missing or broken is added to {@code problems}. */
  static GitHubContext from(Map<String, String> env, List<String> problems) {
    String workspace = env.get("GITHUB_WORKSPACE");
    if (workspace == null || workspace.isBlank() || !Files.isDirectory(Path.of(workspace))) {
      problems.add("GITHUB_WORKSPACE " + (workspace == null || workspace.isBlank() ? "is not set"
          : "(" + workspace + ") is not a directory") + ": hotplex action runs as a step of a GitHub Actions job."
          + " To try it elsewhere, set GITHUB_WORKSPACE to the checkout (and GITHUB_EVENT_PATH to an event).");
    }
    URI apiUrl = URI.create(DEFAULT_API_URL);
    String api = env.getOrDefault("GITHUB_API_URL", DEFAULT_API_URL).strip().replaceAll("/+$", "");
    try {
      apiUrl = URI.create(api);
      if (apiUrl.getHost() == null || !List.of("http", "https").contains(apiUrl.getScheme())) {
        problems.add("GITHUB_API_URL must be an http(s) URL, not '" + api + "'");
      }
    } catch (IllegalArgumentException invalid) {
      problems.add("GITHUB_API_URL is not a URL: '" + api + "'");
    }
    return new GitHubContext(workspace == null ? null : Path.of(workspace).toAbsolutePath().normalize(),
        blankToNull(env.get("GITHUB_REPOSITORY")), env.getOrDefault("GITHUB_EVENT_NAME", ""),
        event(env.get("GITHUB_EVENT_PATH"), problems), apiUrl,
        env.getOrDefault("GITHUB_SERVER_URL", DEFAULT_SERVER_URL).replaceAll("/+$", ""),
        blankToNull(env.get("GITHUB_RUN_ID")), blankToNull(env.get("GITHUB_REF_NAME")),
        path(env.get("GITHUB_OUTPUT")), path(env.get("GITHUB_STEP_SUMMARY")), tempDir(env));
  }

  private static JsonNode event(String file, List<String> problems) {
    if (file == null || file.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(Path.of(file).toFile());
    } catch (IOException unreadable) {
      problems.add("GITHUB_EVENT_PATH " + file + " cannot be read as JSON: " + unreadable.getMessage());
      return MissingNode.getInstance();
    }
  }

  private static Path tempDir(Map<String, String> env) {
    String runnerTemp = env.get("RUNNER_TEMP");
    if (runnerTemp != null && Files.isDirectory(Path.of(runnerTemp)) && Files.isWritable(Path.of(runnerTemp))) {
      return Path.of(runnerTemp);
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  private static Path path(String value) {
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * The pull request of the event: {@code pull_request} and {@code pull_request_target} (and review events) carry
   * it whole; an issue comment on a pull request carries only its number.
   */
  Optional<PullRequestRef> pullRequest() {
    JsonNode pull = event.path("pull_request");
    if (pull.isObject() && pull.path("number").canConvertToInt()) {
      return Optional.of(PullRequestRef.of(pull));
    }
    JsonNode issue = event.path("issue");
    if (issue.path("pull_request").isObject() && issue.path("number").canConvertToInt()) {
      return Optional.of(new PullRequestRef(issue.path("number").asInt(), null, null, null,
          issue.path("title").asText(null)));
    }
    return Optional.empty();
  }

  /** The link to this workflow run, or null outside a job. */
  String runUrl() {
    return repository == null || runId == null ? null : serverUrl + "/" + repository + "/actions/runs/" + runId;
  }
}
