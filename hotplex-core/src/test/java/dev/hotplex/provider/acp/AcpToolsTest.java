package dev.hotplex.provider.acp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import dev.hotplex.provider.gemini.GeminiProvider;
import dev.hotplex.provider.opencode.OpenCodeProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AcpToolsTest {
  private static final Path CWD = Path.of("/ws");

  private static ToolCall call(String toolCallJson) {
    var toolCall = AcpPeer.parse(toolCallJson);
    return AcpTools.toToolCall(new OpenCodeProvider(), toolCall, toolCall.path("rawInput"), "edit", CWD);
  }

  @Test
  void editNamesItsLocationsAndInputPaths() {
    ToolCall call = call("{\"toolCallId\":\"c\",\"kind\":\"edit\",\"locations\":[{\"path\":\"/ws/a.txt\"}],"
        + "\"rawInput\":{\"filePath\":\"/ws/a.txt\",\"oldString\":\"x\"}}");

    assertThat(call.kind()).isEqualTo(ToolKind.EDIT);
    assertThat(call.paths()).containsExactly("/ws/a.txt");
    assertThat(call.command()).isNull();
  }

  @Test
  void fetchNamesItsUrl() {
    ToolCall call = call("{\"toolCallId\":\"c\",\"kind\":\"fetch\",\"rawInput\":{\"url\":\"https://example.com\"}}");

    assertThat(call.kind()).isEqualTo(ToolKind.FETCH);
    assertThat(call.urls()).containsExactly("https://example.com");
  }

  @Test
  void shellWithoutRawInputUsesTheTitleAsCommand() {
    var toolCall = AcpPeer.parse("{\"toolCallId\":\"c\",\"kind\":\"execute\",\"title\":\"git status\"}");

    ToolCall call = AcpTools.toToolCall(new OpenCodeProvider(), toolCall, toolCall, "bash", CWD);

    assertThat(call.kind()).isEqualTo(ToolKind.SHELL);
    assertThat(call.command()).isEqualTo("git status");
  }

  @Test
  void kindsMapOntoToolKinds() {
    assertThat(AcpTools.kindOf("read")).isEqualTo(ToolKind.READ);
    assertThat(AcpTools.kindOf("search")).isEqualTo(ToolKind.SEARCH);
    assertThat(AcpTools.kindOf("delete")).isEqualTo(ToolKind.EDIT);
    assertThat(AcpTools.kindOf("think")).isEqualTo(ToolKind.OTHER);
    assertThat(AcpTools.kindOf(null)).isEqualTo(ToolKind.OTHER);
  }

  @Test
  void aToolGivenByNameIsMappedLikeTheAgentsPermissionRequest() {
    ToolCall shell = AcpTools.byName(new OpenCodeProvider(), "bash", AcpPeer.parse("{\"command\":\"rm -rf /\"}"), CWD);
    ToolCall read = AcpTools.byName(new GeminiProvider(), "read_file",
        AcpPeer.parse("{\"file_path\":\"~/.ssh/id_rsa\"}"), CWD);
    ToolCall write = AcpTools.byName(new OpenCodeProvider(), "write", AcpPeer.parse("{\"filePath\":\"/etc/x\"}"), CWD);

    assertThat(shell.kind()).isEqualTo(ToolKind.SHELL);
    assertThat(shell.command()).isEqualTo("rm -rf /");
    assertThat(shell.toolName()).isEqualTo("bash");
    assertThat(shell.provider()).isEqualTo("opencode");
    assertThat(read.kind()).isEqualTo(ToolKind.READ);
    assertThat(read.paths()).containsExactly("~/.ssh/id_rsa");
    assertThat(write.kind()).isEqualTo(ToolKind.EDIT);
    assertThat(write.paths()).containsExactly("/etc/x");
  }

  @Test
  void aToolNameTheAgentDoesNotHaveIsAnErrorListingItsTools() {
    assertThatThrownBy(() -> AcpTools.byName(new GeminiProvider(), "Bash", AcpPeer.parse("{}"), CWD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Gemini CLI has no tool 'Bash'").hasMessageContaining("run_shell_command");
  }

  @Test
  void geminiWebFetchNamesTheUrlsInItsPrompt() {
    ToolCall call = AcpTools.byName(new GeminiProvider(), "web_fetch", AcpPeer.parse(
        "{\"prompt\":\"Summarise https://example.com/a and http://169.254.169.254/latest please\"}"), CWD);

    assertThat(call.kind()).isEqualTo(ToolKind.FETCH);
    assertThat(call.urls()).containsExactly("https://example.com/a", "http://169.254.169.254/latest");
  }
}
