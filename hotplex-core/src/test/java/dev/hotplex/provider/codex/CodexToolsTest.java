package dev.hotplex.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CodexToolsTest {

  @Test
  void scriptInsideALoginShellInvocationIsWhatThePolicySees() {
    assertThat(CodexTools.innerScript("/bin/bash -lc 'echo hello > out.txt'")).isEqualTo("echo hello > out.txt");
    assertThat(CodexTools.innerScript("/bin/bash -lc ls")).isEqualTo("ls");
    assertThat(CodexTools.innerScript("sh -c \"echo \\\"quoted\\\" \\$HOME\"")).isEqualTo("echo \"quoted\" $HOME");
  }

  @Test
  void singleQuotesInsideTheScriptSurviveShellQuoting() {
    assertThat(CodexTools.innerScript("/bin/bash -lc 'echo '\"'\"'hi'\"'\"' > x'")).isEqualTo("echo 'hi' > x");
  }

  @Test
  void anythingElseIsHandedOverWhole() {
    assertThat(CodexTools.innerScript("git status")).isEqualTo("git status");
    assertThat(CodexTools.innerScript("/bin/bash -lc 'unbalanced")).isEqualTo("/bin/bash -lc 'unbalanced");
    assertThat(CodexTools.innerScript("/bin/bash -lc 'a' extra")).isEqualTo("/bin/bash -lc 'a' extra");
    assertThat(CodexTools.innerScript("python -c 'print(1)'")).isEqualTo("python -c 'print(1)'");
  }

  private static ToolCall byName(String tool, String inputJson) throws Exception {
    return CodexTools.byName(tool, new ObjectMapper().readTree(inputJson), Path.of("/ws"));
  }

  @Test
  void execCommandByNameIsTheScriptInsideTheShellLikeAnApprovalRequest() throws Exception {
    ToolCall call = byName("exec_command", "{\"command\":\"/bin/bash -lc 'rm -rf /'\"}");

    assertThat(call.kind()).isEqualTo(ToolKind.SHELL);
    assertThat(call.command()).isEqualTo("rm -rf /");
    assertThat(call.provider()).isEqualTo("codex");
  }

  @Test
  void applyPatchByNameNamesEveryChangedPath() throws Exception {
    ToolCall add = byName("apply_patch", "{\"changes\":[{\"path\":\"/etc/cron.d/x\",\"kind\":{\"type\":\"add\"}}]}");
    ToolCall edit = byName("apply_patch", "{\"changes\":[{\"path\":\"a\",\"kind\":{\"type\":\"add\"}},"
        + "{\"path\":\"b\",\"kind\":{\"type\":\"update\"}}]}");

    assertThat(add.kind()).isEqualTo(ToolKind.WRITE);
    assertThat(add.paths()).containsExactly("/etc/cron.d/x");
    assertThat(edit.kind()).isEqualTo(ToolKind.EDIT);
    assertThat(edit.paths()).containsExactly("a", "b");
  }

  @Test
  void otherToolNamesAndCommandsThatAreNotStringsAreErrors() {
    assertThatThrownBy(() -> byName("Bash", "{\"command\":\"ls\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exec_command");
    assertThatThrownBy(() -> byName("exec_command", "{\"command\":[\"ls\"]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"command\" string");
  }
}
