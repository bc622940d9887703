package dev.hotplex.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every registered provider maps calls written in its own tool names, as {@code hotplex policy check} needs. */
class ProviderToolCallsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CWD = Path.of("/ws");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "claude   | Bash              | Read        | {\"file_path\":\"a.txt\"}                      | READ",
      "codex    | exec_command      | apply_patch | {\"changes\":[{\"path\":\"a.txt\"}]}           | EDIT",
      "gemini   | run_shell_command | read_file   | {\"file_path\":\"a.txt\"}                      | READ",
      "opencode | bash              | grep        | {\"pattern\":\"x\",\"path\":\"a.txt\"}           | SEARCH"})
  void theShellToolAndAFileToolAreNormalizedLikeAtRunTime(String id, String shellTool, String fileTool,
      String fileInput, ToolKind fileKind) throws Exception {
    AgentProvider provider = ProviderRegistry.load().get(id);

    ToolCall shell = provider.toolCall(provider.shellToolName(), JSON.readTree("{\"command\":\"ls\"}"), CWD);
    ToolCall file = provider.toolCall(fileTool, JSON.readTree(fileInput), CWD);

    assertThat(provider.shellToolName()).isEqualTo(shellTool);
    assertThat(shell.kind()).isEqualTo(ToolKind.SHELL);
    assertThat(shell.command()).isEqualTo("ls");
    assertThat(shell.provider()).isEqualTo(id);
    assertThat(file.kind()).isEqualTo(fileKind);
    assertThat(file.paths()).containsExactly("a.txt");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"codex, Bash", "gemini, Bash", "opencode, run_shell_command"})
  void aToolNameTheProviderDoesNotHaveIsRefused(String id, String tool) {
    AgentProvider provider = ProviderRegistry.load().get(id);

    assertThatThrownBy(() -> provider.toolCall(tool, JSON.readTree("{\"command\":\"ls\"}"), CWD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + tool + "'")
        .hasMessageContaining(provider.shellToolName());
  }
}
