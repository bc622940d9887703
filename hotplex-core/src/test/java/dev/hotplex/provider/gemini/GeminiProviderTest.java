package dev.hotplex.provider.gemini;

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

class GeminiProviderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final GeminiProvider provider = new GeminiProvider();
  @TempDir Path stateDir;

  private AgentSettings settings(String model, String permissionMode, Path agentHome) {
    return new AgentSettings(Path.of("/ws"), List.of(), List.of(), model, permissionMode, 0, null,
        "http://127.0.0.1:9", null, null, false, agentHome, List.of(), Map.of(), stateDir, Duration.ofSeconds(5));
  }

  @Test
  void launchAlwaysNamesAModelAndUsesHotplexSettings() throws Exception {
    LaunchSpec spec = provider.launchSpec(settings(null, null, null));

    Path policy = stateDir.resolve("gemini").resolve("policies").resolve("hotplex.toml");
    assertThat(spec.args()).containsExactly("--acp", "-m", GeminiProvider.DEFAULT_MODEL, "--approval-mode", "default",
        "--admin-policy", policy.toString());
    assertThat(Files.readString(policy)).contains("\"read_file\"").contains("decision = \"ask_user\"");
    Path settingsFile = stateDir.resolve("gemini").resolve("settings.json");
    assertThat(spec.environment()).containsEntry("GEMINI_CLI_SYSTEM_SETTINGS_PATH", settingsFile.toString())
        .containsEntry("GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:9")
        .containsEntry("GEMINI_CLI_TRUST_WORKSPACE", "true")
        .containsEntry("HOME", stateDir.resolve("gemini").resolve("home").toString());
    JsonNode settings = JSON.readTree(Files.readString(settingsFile));
    assertThat(settings.path("security").path("auth").path("selectedType").asText()).isEqualTo("gemini-api-key");
    assertThat(settings.path("telemetry").path("enabled").asBoolean(true)).isFalse();
    assertThat(settings.path("general").path("enableAutoUpdate").asBoolean(true)).isFalse();
    assertThat(spec.passThroughVariables()).contains("GEMINI_API_KEY");
  }

  @Test
  void agentHomeIsTheClisHome() {
    Path home = stateDir.resolve("my-home");

    assertThat(provider.launchSpec(settings("gemini-2.5-pro", null, home)).environment()).containsEntry("HOME",
        home.toString());
  }

  @Test
  void modesThatApproveOnTheirOwnAreRefused() {
    assertThat(provider.launchSpec(settings(null, "plan", null)).args()).contains("plan");
    assertThatThrownBy(() -> provider.launchSpec(settings(null, "yolo", null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yolo");
  }

  @Test
  void toolNameComesFromTheCallId() {
    assertThat(provider.toolName("run_shell_command__run_shell_command_1795503299160_0", null, "execute"))
        .isEqualTo("run_shell_command");
    assertThat(provider.toolName("plain-id", null, "read")).isEqualTo("read");
  }

  @Test
  void isFoundThroughTheServiceLoader() {
    assertThat(ProviderRegistry.load().get("gemini")).isInstanceOf(GeminiProvider.class);
  }
}
