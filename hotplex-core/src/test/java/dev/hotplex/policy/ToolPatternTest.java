package dev.hotplex.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolPatternTest {
  private static final Path CWD = Path.of("/ws/project");

  private static ToolCall shell(String command) {
    return new ToolCall("claude", "Bash", "t1", ToolKind.SHELL, command, List.of(), List.of(), null, CWD);
  }

  private static ToolCall edit(String path) {
    return new ToolCall("claude", "Edit", "t1", ToolKind.EDIT, null, List.of(path), List.of(), null, CWD);
  }

  @Test
  void prefixPatternMatchesTheCommandAndItsArgumentsOnly() {
    ToolPattern pattern = ToolPattern.parse("Bash(git diff:*)");
    assertThat(pattern.matches(shell("git diff"))).isTrue();
    assertThat(pattern.matches(shell("git diff origin/main"))).isTrue();
    assertThat(pattern.matches(shell("git diff-tree x"))).isFalse();
    assertThat(pattern.matches(shell("git push"))).isFalse();
  }

  @Test
  void bareNameMatchesEveryCallOfThatToolOrKind() {
    assertThat(ToolPattern.parse("Bash").matches(shell("anything"))).isTrue();
    assertThat(ToolPattern.parse("shell").matches(shell("anything"))).isTrue();
    assertThat(ToolPattern.parse("Read").matches(shell("anything"))).isFalse();
  }

  @Test
  void pathGlobIsRelativeToTheWorkingDirectory() {
    ToolPattern pattern = ToolPattern.parse("Edit(src/**)");
    assertThat(pattern.matches(edit("src/main/App.java"))).isTrue();
    assertThat(pattern.matches(edit("/ws/project/src/App.java"))).isTrue();
    assertThat(pattern.matches(edit("../other/src/App.java"))).isFalse();
  }

  @Test
  void listsSplitAtTopLevelCommasOnly() {
    assertThat(ToolPattern.parseAll(List.of("Read,Bash(git diff:*, x),Edit")))
        .extracting(ToolPattern::toString)
        .containsExactly("Read", "Bash(git diff:*, x)", "Edit");
  }

  @Test
  void malformedPatternsSayWhatIsWrong() {
    assertThatThrownBy(() -> ToolPattern.parse("Bash(git")).hasMessageContaining("does not end with ')'");
    assertThatThrownBy(() -> ToolPattern.parse("(x)")).hasMessageContaining("must start with a tool name");
  }

  @Test
  void disallowedWinsOverAllowed() {
    AllowedToolsHandler handler = new AllowedToolsHandler(ToolPattern.parseAll(List.of("Bash")),
        ToolPattern.parseAll(List.of("Bash(git push:*)")));
    assertThat(handler.decide(shell("git status"))).isInstanceOf(PermissionDecision.Allow.class);
    PermissionDecision push = handler.decide(shell("git push --force"));
    assertThat(push).isInstanceOf(PermissionDecision.Deny.class);
    assertThat(push.rule()).isEqualTo(AllowedToolsHandler.RULE_DISALLOWED);
    assertThat(handler.decide(edit("a.txt")).reason()).contains("not in the allowed tools");
  }
}
