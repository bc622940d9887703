package dev.hotplex.client.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepOptionsTest {
  @TempDir Path dir;

  @Test
  void defaultsAreTheDocumentedOnes() {
    StepOptions options = StepOptions.builder("Review the changes.").build();

    assertThat(options.provider()).isEqualTo("claude");
    assertThat(options.workDir()).isEqualTo(".");
    assertThat(options.session()).isEqualTo(CiNames.DEFAULT_SESSION);
    assertThat(options.allowedTools()).isEmpty();
    assertThat(options.timeoutMinutes()).isEqualTo(30);
    assertThat(options.maxTurns()).isZero();
    assertThat(options.model()).isNull();
    assertThat(options.policy()).isNull();
    assertThat(options.returnDetails()).isFalse();
    assertThat(options.failOnDenied()).isFalse();
  }

  @Test
  void blankOptionalValuesMeanTheirDefaults() {
    StepOptions options = StepOptions.builder("p").workDir(" ").provider("").session("  ").model("").policy(" ")
        .build();

    assertThat(options.workDir()).isEqualTo(".");
    assertThat(options.provider()).isEqualTo("claude");
    assertThat(options.session()).isEqualTo("default");
    assertThat(options.model()).isNull();
    assertThat(options.policy()).isNull();
  }

  @Test
  void everyProblemIsReportedAtOnceInWords() {
    assertThatThrownBy(() -> StepOptions.builder(" ").allowedTools(List.of("Bash(git diff:*")).workDir("/etc")
        .policy("../policy.yaml").provider("nope").session("bad name!").timeoutMinutes(-1).maxTurns(-2).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The prompt is required")
        .hasMessageContaining("allowedTools:")
        .hasMessageContaining("relative to the workspace, not the absolute path '/etc'")
        .hasMessageContaining("'../policy.yaml' leaves the workspace")
        .hasMessageContaining("Unknown provider 'nope'")
        .hasMessageContaining("session name 'bad name!'")
        .hasMessageContaining("not -1")
        .hasMessageContaining("not -2");
  }

  @Test
  void sessionSpecCarriesTheStepsSettingsWithPathsResolvedInTheWorkspace() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("ws"));
    Files.createDirectories(workspace.resolve("app"));
    Files.writeString(workspace.resolve("policy.yaml"), "version: 1\n");
    StepOptions options = StepOptions.builder("Review").session("review").workDir("app").policy("policy.yaml")
        .allowedTools(List.of("Read", "Bash(git diff:*)")).disallowedTools(List.of("Bash(git push:*)"))
        .model("sonnet").maxTurns(7).timeoutMinutes(12).build();

    JsonNode json = options.sessionSpec(workspace, "jenkins:app#3").toJson();

    Path real = workspace.toRealPath();
    assertThat(json.path("name").asText()).isEqualTo("review");
    assertThat(json.path("scope").asText()).isEqualTo("jenkins:app#3");
    assertThat(json.path("provider").asText()).isEqualTo("claude");
    assertThat(json.path("workDir").asText()).isEqualTo(real.resolve("app").toString());
    assertThat(json.path("policy").asText()).isEqualTo(real.resolve("policy.yaml").toString());
    assertThat(json.path("allowedTools").toString()).isEqualTo("[\"Read\",\"Bash(git diff:*)\"]");
    assertThat(json.path("disallowedTools").toString()).isEqualTo("[\"Bash(git push:*)\"]");
    assertThat(json.path("model").asText()).isEqualTo("sonnet");
    assertThat(json.path("maxTurns").asInt()).isEqualTo(7);
    assertThat(json.path("timeout").asText()).isEqualTo("PT12M");
  }

  @Test
  void workDirThatASymlinkLeadsOutOfTheWorkspaceIsRefused() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("ws"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(workspace.resolve("escape"), outside);
    StepOptions options = StepOptions.builder("p").workDir("escape").build();

    assertThatThrownBy(() -> options.sessionSpec(workspace, "s")).isInstanceOf(CiStepException.class)
        .hasMessageContaining("outside the workspace").hasMessageContaining(outside.toRealPath().toString());
  }

  @Test
  void missingWorkDirOrPolicyFileIsNamed() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("ws"));

    assertThatThrownBy(() -> StepOptions.builder("p").workDir("nope").build().sessionSpec(workspace, "s"))
        .isInstanceOf(CiStepException.class).hasMessageContaining("workDir 'nope' is not a folder");
    assertThatThrownBy(() -> StepOptions.builder("p").policy("p.yaml").build().sessionSpec(workspace, "s"))
        .isInstanceOf(CiStepException.class).hasMessageContaining("policy 'p.yaml' is not a file");
  }

  @Test
  void optionsSurviveJavaSerialization() throws Exception {
    StepOptions options = StepOptions.builder("Fix it").allowedTools(List.of("Read", "Edit")).session("fix")
        .failOnDenied(true).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(options);
    }
    StepOptions copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (StepOptions) in.readObject();
    }

    assertThat(copy.prompt()).isEqualTo("Fix it");
    assertThat(copy.allowedTools()).containsExactly("Read", "Edit");
    assertThat(copy.session()).isEqualTo("fix");
    assertThat(copy.failOnDenied()).isTrue();
  }
}
