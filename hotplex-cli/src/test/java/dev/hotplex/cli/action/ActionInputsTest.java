package dev.hotplex.cli.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionInputsTest {
  private final Map<String, String> env = new HashMap<>();

  private InputReader reader() {
    return new InputReader(env);
  }

  private void set(ActionInput input, String value) {
    env.put(input.variable(), value);
  }

  @Test
  void inputNamesBecomeTheRunnersVariables() {
    assertThat(ActionInput.MAX_TURNS.variable()).isEqualTo("INPUT_MAX_TURNS");
    assertThat(ActionInput.ANTHROPIC_API_KEY.variable()).isEqualTo("INPUT_ANTHROPIC_API_KEY");
  }

  @Test
  void emptyInputsGetTheDocumentedDefaults() {
    set(ActionInput.PROMPT, "Summarise the repository.");
    set(ActionInput.MAX_TURNS, "   ");
    InputReader in = reader();

    ActionInputs inputs = ActionInputs.read(in);

    assertThat(in.problems()).isEmpty();
    assertThat(inputs.mode()).isEqualTo(ActionMode.RUN);
    assertThat(inputs.provider()).isEqualTo("claude");
    assertThat(inputs.maxTurns()).isEqualTo(30);
    assertThat(inputs.timeoutMinutes()).isEqualTo(30);
    assertThat(inputs.postComment()).isTrue();
    assertThat(inputs.failOnDenied()).isFalse();
    assertThat(inputs.allowedTools()).isEqualTo(ActionMode.RUN.defaultAllowedTools);
    assertThat(inputs.allowedPaths()).containsExactly("**");
    assertThat(inputs.workDir()).isEqualTo(".");
    assertThat(inputs.model()).isNull();
    assertThat(inputs.baseUrl()).isNull();
  }

  @Test
  void promptsAreSeparatedByLinesOfThreeDashes() {
    set(ActionInput.PROMPT, "First, read the code.\nThen think.\n---\n\n  ---  \nNow fix it.\n");

    assertThat(ActionInputs.read(reader()).prompts()).containsExactly("First, read the code.\nThen think.",
        "Now fix it.");
  }

  @Test
  void toolListsSplitOnLinesAndTopLevelCommasOnly() {
    set(ActionInput.PROMPT, "p");
    set(ActionInput.ALLOWED_TOOLS, "Read, Grep\nBash(git diff:*)\n  Edit(src/**)  ");
    set(ActionInput.ALLOWED_PATHS, "src/{main,test}/**, docs/**");

    ActionInputs inputs = ActionInputs.read(reader());

    assertThat(inputs.allowedTools()).containsExactly("Read", "Grep", "Bash(git diff:*)", "Edit(src/**)");
    assertThat(inputs.allowedPaths()).containsExactly("src/{main,test}/**", "docs/**");
  }

  @Test
  void eachModeHasItsOwnDefaultTools() {
    set(ActionInput.MODE, "Patch");
    set(ActionInput.PROMPT, "p");

    ActionInputs inputs = ActionInputs.read(reader());

    assertThat(inputs.mode()).isEqualTo(ActionMode.PATCH);
    assertThat(inputs.allowedTools()).contains("Edit", "Write").doesNotContain("Bash");
    assertThat(ActionMode.REVIEW.defaultAllowedTools).doesNotContain("Edit", "Write");
  }

  @Test
  void reviewNeedsNoPromptButRunAndPatchDo() {
    set(ActionInput.MODE, "review");
    InputReader review = reader();
    ActionInputs.read(review);
    assertThat(review.problems()).isEmpty();

    set(ActionInput.MODE, "patch");
    InputReader patch = reader();
    ActionInputs.read(patch);
    assertThat(patch.problems()).singleElement().asString().contains("Input 'prompt' is required in mode patch");
  }

  @Test
  void everyBadValueIsReportedInOneGoWithItsInputName() {
    set(ActionInput.MODE, "approve");
    set(ActionInput.PROMPT, "p");
    set(ActionInput.MAX_TURNS, "-1");
    set(ActionInput.TIMEOUT_MINUTES, "ten");
    set(ActionInput.POST_COMMENT, "yes");
    set(ActionInput.ALLOWED_TOOLS, "Bash(");
    set(ActionInput.BASE_URL, "http://127.0.0.1:8080/v1");
    InputReader in = reader();

    ActionInputs.read(in);

    assertThat(in.problems()).hasSize(6).anySatisfy(p -> assertThat(p).contains("Input 'mode'", "approve"))
        .anySatisfy(p -> assertThat(p).contains("Input 'max_turns'", "from 0 to"))
        .anySatisfy(p -> assertThat(p).contains("Input 'timeout_minutes'", "'ten'"))
        .anySatisfy(p -> assertThat(p).contains("Input 'post_comment'", "true or false"))
        .anySatisfy(p -> assertThat(p).contains("Input 'allowed_tools'", "bad tool pattern"))
        .anySatisfy(p -> assertThat(p).contains("Input 'base_url'", "http://127.0.0.1:8080"));
  }

  @Test
  void booleansAcceptTheYamlSpellingsOnly() {
    for (String yes : List.of("true", "True", "TRUE")) {
      set(ActionInput.FAIL_ON_DENIED, yes);
      assertThat(reader().bool(ActionInput.FAIL_ON_DENIED)).as(yes).isTrue();
    }
    set(ActionInput.FAIL_ON_DENIED, "1");
    InputReader in = reader();
    assertThat(in.bool(ActionInput.FAIL_ON_DENIED)).isFalse();
    assertThat(in.problems()).hasSize(1);
  }

  @Test
  void baseUrlIsNormalisedLikeTheRunCommandsOption() {
    set(ActionInput.PROMPT, "p");
    set(ActionInput.BASE_URL, "https://gateway.example/anthropic/");

    assertThat(ActionInputs.read(reader()).baseUrl()).isEqualTo("https://gateway.example/anthropic");
  }
}
