package dev.hotplex.cli.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.secrets.SecretMasker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepFilesTest {
  @TempDir
  Path temp;

  @Test
  void outputsUseTheMultiLineFormWithRandomDelimitersAndAreMasked() throws IOException {
    Path output = temp.resolve("output");
    Files.writeString(output, "earlier=step\n");
    Map<ActionOutput, String> outputs = new LinkedHashMap<>();
    outputs.put(ActionOutput.RESULT, "line one\nline two with sk-secret-1234\nEOF");
    outputs.put(ActionOutput.CONCLUSION, "success");

    new StepFiles(output, null, SecretMasker.of("sk-secret-1234")).writeOutputs(outputs);

    String text = Files.readString(output);
    assertThat(text).startsWith("earlier=step\n").doesNotContain("sk-secret-1234");
    Matcher result = Pattern.compile("result<<(ghadelimiter_[0-9a-f-]{36})\n(.*?)\n\\1\n", Pattern.DOTALL)
        .matcher(text);
    assertThat(result.find()).isTrue();
    assertThat(result.group(2)).isEqualTo("line one\nline two with ****\nEOF");
    assertThat(text).containsPattern("conclusion<<(ghadelimiter_[0-9a-f-]{36})\nsuccess\n\\1\n");
  }

  @Test
  void theSummaryIsAppendedMasked() throws IOException {
    Path summary = temp.resolve("summary.md");

    StepFiles files = new StepFiles(null, summary, SecretMasker.of("sk-secret-1234"));
    files.writeSummary("# one sk-secret-1234\n");
    files.writeSummary("# two\n");
    files.writeOutputs(Map.of(ActionOutput.RESULT, "ignored without GITHUB_OUTPUT"));

    assertThat(Files.readString(summary)).isEqualTo("# one ****\n# two\n");
  }
}
