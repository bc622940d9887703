package dev.hotplex.provider.acp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
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
}
