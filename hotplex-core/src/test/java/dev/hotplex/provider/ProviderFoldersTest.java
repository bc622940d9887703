package dev.hotplex.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderFoldersTest {

  private static AgentSettings settings(String baseUrl, Path stateDir) {
    return new AgentSettings(Path.of("/ws"), List.of(), List.of(), "m", null, 0, null, baseUrl, null, null, false,
        null, List.of(), Map.of(), stateDir, Duration.ofSeconds(5));
  }

  @Test
  void aNamedStateDirIsUsed() {
    assertThat(ProviderFolders.configDir("codex", settings(null, Path.of("/state"))))
        .isEqualTo(Path.of("/state/codex"));
  }

  @Test
  void equalSettingsShareAFolderAndDifferentOnesDoNot() {
    Path a = ProviderFolders.configDir("codex", settings("http://127.0.0.1:1", null));
    assertThat(ProviderFolders.configDir("codex", settings("http://127.0.0.1:1", null))).isEqualTo(a);
    assertThat(ProviderFolders.configDir("codex", settings("http://127.0.0.1:2", null))).isNotEqualTo(a);
    assertThat(ProviderFolders.configDir("gemini", settings("http://127.0.0.1:1", null))).isNotEqualTo(a);
  }
}
