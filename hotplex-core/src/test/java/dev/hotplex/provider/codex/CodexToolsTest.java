package dev.hotplex.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

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
}
