package dev.hotplex.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaudeToolsTest {
  private static final Path CWD = Path.of("/work");

  private static ToolCall call(String tool, String inputJson) {
    return ClaudeTools.toToolCall(tool, "id", Transcript.parse(inputJson), CWD);
  }

  @ParameterizedTest
  @CsvSource({"Bash,SHELL", "Read,READ", "NotebookRead,READ", "Write,WRITE", "Edit,EDIT", "MultiEdit,EDIT",
      "NotebookEdit,EDIT", "Glob,SEARCH", "Grep,SEARCH", "LS,SEARCH", "WebFetch,FETCH", "WebSearch,FETCH",
      "mcp__github__create_issue,MCP", "Task,OTHER", "TodoWrite,OTHER", "SomethingNew,OTHER"})
  void toolNamesMapToKinds(String tool, ToolKind kind) {
    assertThat(ClaudeTools.kindOf(tool)).isEqualTo(kind);
  }

  @Test
  void shellCallCarriesItsCommandAndNoPaths() {
    ToolCall call = call("Bash", "{\"command\":\"rm -rf /tmp/x\",\"description\":\"d\"}");

    assertThat(call.command()).isEqualTo("rm -rf /tmp/x");
    assertThat(call.paths()).isEmpty();
    assertThat(call.cwd()).isEqualTo(CWD);
  }

  @Test
  void fileToolsNameTheirPathsAsGiven() {
    assertThat(call("Write", "{\"file_path\":\"../outside.txt\",\"content\":\"x\"}").paths())
        .containsExactly("../outside.txt");
    assertThat(call("NotebookEdit", "{\"notebook_path\":\"nb.ipynb\",\"new_source\":\"x\"}").paths())
        .containsExactly("nb.ipynb");
    assertThat(call("Edit", "{\"file_path\":\"a.txt\"}").command()).isNull();
  }

  @Test
  void globNamesItsSearchPathAndThePatternBase() {
    assertThat(call("Glob", "{\"pattern\":\"/etc/**/*.conf\",\"path\":\"src\"}").paths())
        .containsExactly("src", "/etc");
    assertThat(call("Glob", "{\"pattern\":\"**/*.java\"}").paths()).isEmpty();
    assertThat(call("Grep", "{\"pattern\":\"TODO.*\",\"path\":\"../other\"}").paths()).containsExactly("../other");
  }

  @Test
  void webFetchNamesItsUrlAndWebSearchNone() {
    assertThat(call("WebFetch", "{\"url\":\"https://example.com/x\",\"prompt\":\"p\"}").urls())
        .containsExactly("https://example.com/x");
    assertThat(call("WebSearch", "{\"query\":\"q\"}").urls()).isEmpty();
  }

  @Test
  void missingInputIsTreatedAsEmpty() {
    ToolCall call = ClaudeTools.toToolCall("Bash", null, null, CWD);

    assertThat(call.command()).isNull();
    assertThat(call.input().isNull()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(value = {"src/main/**/*.java,src/main", "/etc/*,/etc", "/*,/", "*.txt,NULL",
      "docs/readme.md,docs/readme.md", "'a/b{c,d}/e',a"}, nullValues = "NULL")
  void globBaseIsTheLiteralDirectoryBeforeTheFirstWildcard(String pattern, String base) {
    assertThat(ClaudeTools.globBase(pattern)).isEqualTo(base);
  }
}
