package dev.hotplex.cli.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindingsCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path root;
  private PullRequestDiff diff;

  @BeforeEach
  void aPullRequestThatChangesLinesTwoToFourOfAverage() throws IOException {
    Files.writeString(root.resolve("average.py"), "a\nb\nc\nd\ne\nf\n");
    Files.writeString(root.resolve("README.md"), "readme\n");
    JsonNode file = JSON.createObjectNode().put("filename", "average.py").put("status", "modified")
        .put("additions", 2).put("deletions", 1).put("patch", "@@ -2,2 +2,3 @@\n b\n-x\n+c\n+d");
    diff = PullRequestDiff.of(List.of(file));
  }

  private static Finding finding(String path, int line) {
    return new Finding(path, line, Finding.Severity.WARNING, "m", null);
  }

  private FindingsCheck.Result check(Finding... findings) {
    return FindingsCheck.check(new ReviewContract.Document("s", List.of(findings)), diff, root);
  }

  @Test
  void aLineInsideAHunkIsInline() {
    FindingsCheck.Result result = check(finding("average.py", 3), finding("./average.py", 4));

    assertThat(result.errors()).isEmpty();
    assertThat(result.sorted().inline()).extracting(Finding::path).containsExactly("average.py", "average.py");
    assertThat(result.sorted().outsideDiff()).isEmpty();
  }

  @Test
  void otherLinesAndUnchangedFilesGoToTheSummaryNotLost() {
    FindingsCheck.Result result = check(finding("average.py", 6), finding("README.md", 1),
        finding(root.resolve("average.py").toString(), 1));

    assertThat(result.errors()).isEmpty();
    assertThat(result.sorted().inline()).isEmpty();
    assertThat(result.sorted().outsideDiff()).extracting(Finding::location)
        .containsExactly("average.py:6", "README.md:1", "average.py:1");
    assertThat(result.sorted().total()).isEqualTo(3);
  }

  @Test
  void aFileThatExistsNowhereOrOutsideTheRepositoryIsAnError() {
    FindingsCheck.Result result = check(finding("invented.py", 1), finding("../outside.py", 1),
        finding("/etc/passwd", 1));

    assertThat(result.sorted()).isNull();
    assertThat(result.errors()).hasSize(3)
        .anySatisfy(error -> assertThat(error).contains("findings[0]", "neither changed"))
        .anySatisfy(error -> assertThat(error).contains("findings[1]", "not a path inside the repository"))
        .anySatisfy(error -> assertThat(error).contains("findings[2]", "not a path inside the repository"));
  }

  @Test
  void thePromptShowsEachFilesCommentableLines() {
    assertThat(diff.promptText()).contains("### average.py (modified, +2 -1; lines you can comment on: 2-4)",
        "```diff\n@@ -2,2 +2,3 @@");
  }
}
