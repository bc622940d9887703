package dev.hotplex.provider.opencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.provider.AgentSettings;
import dev.hotplex.provider.LaunchSpec;
import dev.hotplex.provider.ProviderRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenCodeProviderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OpenCodeProvider provider = new OpenCodeProvider();
  @TempDir Path stateDir;

  private AgentSettings settings(String model, String baseUrl, Map<String, String> options) {
    return new AgentSettings(Path.of("/ws"), List.of(), List.of(), model, null, 0, null, baseUrl, null, null, false,
        null, List.of(), options, stateDir, Duration.ofSeconds(5));
  }

  @Test
  void launchWritesHotplexConfigurationWithTheEndpointAndIsolatedFolders() throws Exception {
    LaunchSpec spec = provider.launchSpec(settings(null, "http://127.0.0.1:9/", Map.of()));

    Path config = stateDir.resolve("opencode").resolve("opencode.json");
    assertThat(spec.args()).containsExactly("acp");
    assertThat(spec.environment()).containsEntry("OPENCODE_CONFIG", config.toString())
        .containsEntry("OPENCODE_DISABLE_PROJECT_CONFIG", "1")
        .containsEntry("OPENCODE_DISABLE_AUTOUPDATE", "1")
        .containsEntry("XDG_DATA_HOME", stateDir.resolve("opencode").resolve("data").toString());
    assertThat(stateDir.resolve("opencode").resolve("state")).isDirectory();
    JsonNode written = JSON.readTree(Files.readString(config));
    assertThat(written.path("provider").path("hotplex").path("options").path("baseURL").asText())
        .isEqualTo("http://127.0.0.1:9/v1");
    assertThat(written.path("model").asText()).isEqualTo("hotplex/default");
    assertThat(written.path("autoupdate").asBoolean(true)).isFalse();
    assertThat(spec.passThroughVariables()).contains("OPENAI_API_KEY");
    assertThat(spec.secretVariables()).contains("OPENAI_API_KEY");
  }

  @Test
  void everyToolAsksSoThePolicySeesEveryCall() throws Exception {
    JsonNode permissions = JSON.readTree(provider.launchSpec(settings(null, null, Map.of())).environment()
        .get("OPENCODE_PERMISSION"));

    assertThat(permissions.path("*").asText()).isEqualTo("ask");
    for (String tool : List.of("bash", "edit", "read", "webfetch", "external_directory")) {
      assertThat(permissions.path(tool).asText()).as(tool).isEqualTo("ask");
    }
  }

  @Test
  void projectConfigurationLoadsOnlyWhenAskedFor() {
    LaunchSpec spec = provider.launchSpec(settings(null, null, Map.of(OpenCodeProvider.OPTION_PROJECT_CONFIG, "true")));

    assertThat(spec.environment()).doesNotContainKey("OPENCODE_DISABLE_PROJECT_CONFIG");
  }

  @Test
  void modelIsTheEndpointsModelIdWithABaseUrlAndProviderSlashModelWithout() throws Exception {
    provider.launchSpec(settings("qwen-coder", "http://127.0.0.1:9", Map.of()));
    JsonNode endpoint = JSON.readTree(Files.readString(stateDir.resolve("opencode/opencode.json")));
    provider.launchSpec(settings("anthropic/claude-sonnet-4-5", null, Map.of()));
    JsonNode own = JSON.readTree(Files.readString(stateDir.resolve("opencode/opencode.json")));

    assertThat(endpoint.path("model").asText()).isEqualTo("hotplex/qwen-coder");
    assertThat(endpoint.path("provider").path("hotplex").path("models").has("qwen-coder")).isTrue();
    assertThat(own.path("model").asText()).isEqualTo("anthropic/claude-sonnet-4-5");
    assertThat(own.has("provider")).isFalse();
  }

  @Test
  void modelWithoutItsProviderIsRefusedWithTheFormToUse() {
    assertThatThrownBy(() -> provider.launchSpec(settings("gpt-5", null, Map.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("provider/model");
  }

  @Test
  void isFoundThroughTheServiceLoader() {
    assertThat(ProviderRegistry.load().get("opencode")).isInstanceOf(OpenCodeProvider.class);
  }
}
