package dev.hotplex.testkit.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A pull request for tests of the GitHub Action: a real git repository whose {@code main} branch holds the base
 * files and whose {@code feature} branch (checked out, as {@code actions/checkout} leaves a pull request's head)
 * holds the changes; the pull request's files with their patches as GitHub lists them; and the
 * {@code pull_request} event payload.
 *
 * <pre>{@code
 * PullRequestFixture pr = PullRequestFixture.create(temp.resolve("repo"),
 *     Map.of("app.py", "def f():\n    return 1\n"), Map.of("app.py", "def f():\n    return 1 / 0\n"));
 * github.repository().addPullRequest(7, "feature", pr.headSha(), "main", pr.files());
 * pr.writeEvent(temp.resolve("event.json"), "octo/sample", 7);
 * }</pre>
 */
public final class PullRequestFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final String baseSha;
  private final String headSha;
  private final List<String> changed;

  private PullRequestFixture(Path dir, String baseSha, String headSha, List<String> changed) {
    this.dir = dir;
    this.baseSha = baseSha;
    this.headSha = headSha;
    this.changed = changed;
  }

  /**
   * Creates the repository in {@code dir}: {@code base} committed on {@code main}, then {@code changes} (a null
   * content deletes the file) committed on {@code feature}, which stays checked out.
   *
   * @throws UncheckedIOException when git fails
   */
  public static PullRequestFixture create(Path dir, Map<String, String> base, Map<String, String> changes) {
    try {
      Files.createDirectories(dir);
      git(dir, "init", "-q", "-b", "main");
      write(dir, base);
      git(dir, "add", "-A");
      git(dir, "commit", "-q", "-m", "base");
      String baseSha = git(dir, "rev-parse", "HEAD").strip();
      git(dir, "checkout", "-q", "-b", "feature");
      write(dir, changes);
      git(dir, "add", "-A");
      git(dir, "commit", "-q", "-m", "the change under review");
      return new PullRequestFixture(dir, baseSha, git(dir, "rev-parse", "HEAD").strip(),
          List.copyOf(new LinkedHashMap<>(changes).keySet()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sample pull request in " + dir, e);
    }
  }

  public Path dir() {
    return dir;
  }

  public String baseSha() {
    return baseSha;
  }

  public String headSha() {
    return headSha;
  }

  /** The changed files with their hunks, as {@code GET /pulls/{number}/files} lists them. */
  public List<PullRequestFile> files() {
    List<PullRequestFile> files = new ArrayList<>();
    try {
      for (String path : changed) {
        String diff = git(dir, "diff", "--no-color", "-U3", baseSha, headSha, "--", path);
        String status = diff.contains("\nnew file mode") ? "added" : diff.contains("\ndeleted file mode")
            ? "removed" : "modified";
        int hunks = diff.indexOf("\n@@");
        files.add(new PullRequestFile(path, status, hunks < 0 ? null : diff.substring(hunks + 1).stripTrailing()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Writes the {@code pull_request} event of pull request {@code number} to {@code file} and returns it. */
  public Path writeEvent(Path file, String repository, int number) {
    ObjectNode event = JSON.createObjectNode().put("action", "opened").put("number", number);
    ObjectNode pull = event.putObject("pull_request").put("number", number).put("title", "The change under review")
        .put("state", "open");
    pull.putObject("head").put("ref", "feature").put("sha", headSha).putObject("repo").put("full_name", repository);
    pull.putObject("base").put("ref", "main").put("sha", baseSha).putObject("repo").put("full_name", repository);
    event.putObject("repository").put("full_name", repository);
    try {
      Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static void write(Path dir, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      if (file.getValue() == null) {
        Files.deleteIfExists(path);
      } else {
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
      }
    }
  }

  /** Runs git in {@code dir} with a fixed identity; returns its output. */
  private static String git(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=hotplex test", "-c",
        "user.email=test@hotplex.invalid", "-c", "commit.gpgsign=false", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("git " + String.join(" ", args) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while git ran", e);
    }
    return output;
  }
}
