package dev.hotplex.cli.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code action.yml}, the {@code Dockerfile} and the docs say what the code does: same inputs, defaults, outputs. */
class ActionYamlTest {
  private static final Path PROJECT = Path.of(System.getProperty("hotplex.project.dir"));
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode actionYml() throws IOException {
    return YAML.readTree(PROJECT.resolve("action.yml").toFile());
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void everyInputIsDeclaredWithTheDefaultHotplexApplies() throws IOException {
    JsonNode inputs = actionYml().path("inputs");

    assertThat(names(inputs)).containsExactlyElementsOf(Arrays.stream(ActionInput.values()).map(i -> i.id).toList());
    for (ActionInput input : ActionInput.values()) {
      JsonNode declared = inputs.path(input.id);
      assertThat(declared.path("description").asText()).as(input.id).isNotBlank();
      assertThat(declared.path("required").asBoolean(true)).as(input.id + " is optional").isFalse();
      String expected = input == ActionInput.GITHUB_TOKEN ? "${{ github.token }}" : input.defaultValue;
      assertThat(declared.path("default").asText()).as(input.id + " default").isEqualTo(expected);
    }
  }

  @Test
  void everyOutputIsDeclared() throws IOException {
    JsonNode outputs = actionYml().path("outputs");

    assertThat(names(outputs)).containsExactlyElementsOf(Arrays.stream(ActionOutput.values()).map(o -> o.id)
        .toList());
    outputs.forEach(output -> assertThat(output.path("description").asText()).isNotBlank());
  }

  @Test
  void theActionRunsTheDockerfileWhoseBaseIsTheJibImageOfThisVersion() throws IOException {
    JsonNode runs = actionYml().path("runs");
    assertThat(runs.path("using").asText()).isEqualTo("docker");
    assertThat(runs.path("image").asText()).isEqualTo("Dockerfile");

    String pom = Files.readString(PROJECT.resolve("pom.xml"));
    Matcher version = Pattern.compile("<artifactId>hotplex-parent</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(pom);
    Matcher image = Pattern.compile("<hotplex.image.name>([^<]+)</hotplex.image.name>").matcher(pom);
    assertThat(version.find()).isTrue();
    assertThat(image.find()).isTrue();
    String dockerfile = Files.readString(PROJECT.resolve("Dockerfile"));
    assertThat(dockerfile).containsPattern("(?m)^FROM " + Pattern.quote(image.group(1) + ":" + version.group(1)) + "$")
        .containsPattern("(?m)^ENTRYPOINT \\[\"/usr/bin/tini\", \"--\", \"/usr/local/bin/hotplex\", \"action\"\\]$");
  }

  @Test
  void theExampleWorkflowsUseOnlyRealInputsAndOutputs() throws IOException {
    List<String> inputs = Arrays.stream(ActionInput.values()).map(i -> i.id).toList();
    List<String> outputs = Arrays.stream(ActionOutput.values()).map(o -> o.id).toList();
    Pattern outputReference = Pattern.compile("steps\\.\\w+\\.outputs\\.(\\w+)");
    for (String example : List.of("review.yml", "patch.yml")) {
      Path file = PROJECT.resolve("examples/github").resolve(example);
      JsonNode workflow = YAML.readTree(file.toFile());
      List<JsonNode> hotplexSteps = new ArrayList<>();
      workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
        if (step.path("uses").asText().startsWith("hotplex/hotplex@")) {
          hotplexSteps.add(step);
        }
      }));
      assertThat(hotplexSteps).as(example).hasSize(1);
      assertThat(names(hotplexSteps.get(0).path("with"))).as(example).isNotEmpty().allSatisfy(name ->
          assertThat(inputs).as(example + " input " + name).contains(name));
      Matcher referenced = outputReference.matcher(Files.readString(file));
      while (referenced.find()) {
        assertThat(outputs).as(example + " output " + referenced.group(1)).contains(referenced.group(1));
      }
    }
  }

  @Test
  void theActionDocsListEveryInputAndOutput() throws IOException {
    String docs = Files.readString(PROJECT.resolve("docs/action.md"));

    for (ActionInput input : ActionInput.values()) {
      assertThat(docs).as("docs/action.md documents input " + input.id).contains("| `" + input.id + "` |");
    }
    for (ActionOutput output : ActionOutput.values()) {
      assertThat(docs).as("docs/action.md documents output " + output.id).contains("| `" + output.id + "` |");
    }
  }
}
