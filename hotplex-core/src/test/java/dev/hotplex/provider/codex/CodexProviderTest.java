package dev.hotplex.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotplex.provider.AgentSettings;
import dev.hotplex.provider.LaunchSpec;
import dev.hotplex.provider.ProviderRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodexProviderTest {
  @TempDir Path stateDir;
  private final CodexProvider provider = new CodexProvider();

  private AgentSettings settings(String permissionMode, int maxTurns, Map<String, String> options) {
    return new AgentSettings(Path.of("/workspace/project"), List.of(), List.of(), null, permissionMode, maxTurns,
        null, "http://127.0.0.1:4000/", null, null, false, null, List.of("-c", "x=1"), options, stateDir, null);
  }

  @Test
  void isFoundByTheRegistry() {
    assertThat(ProviderRegistry.load().get("codex")).isInstanceOf(CodexProvider.class);
  }

  @Test
  void runsTheAppServerWithAHotplexOwnedCodexHome() {
    LaunchSpec spec = provider.launchSpec(settings(null, 0, Map.of()));

    assertThat(spec.args()).containsExactly("app-server", "-c", "x=1");
    assertThat(spec.environment()).containsEntry("CODEX_HOME", stateDir.resolve("codex").toString());
    assertThat(spec.passThroughVariables()).contains("OPENAI_API_KEY");
    assertThat(spec.secretVariables()).contains("OPENAI_API_KEY");
  }

  @Test
  void newProtocolWritesTheConfigurationPointingAtTheBaseUrl() throws Exception {
    provider.newProtocol(settings(null, 0, Map.of(CodexProvider.OPTION_MAX_RETRIES, "0")), new CodexPeer(null));

    String config = Files.readString(stateDir.resolve("codex").resolve("config.toml"));
    assertThat(config).contains("model_provider = \"hotplex\"", "base_url = \"http://127.0.0.1:4000/v1\"",
        "env_key = \"OPENAI_API_KEY\"", "wire_api = \"responses\"", "request_max_retries = 0",
        "stream_max_retries = 0");
    assertThat(config).doesNotContain("trust_level");
  }

  @Test
  void approvalPolicyThatSkipsHotplexIsRefusedUnlessAllowed() {
    assertThatThrownBy(() -> provider.launchSpec(settings("never", 0, Map.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("untrusted");
    assertThat(CodexProvider.threadSettings(settings("never", 0,
        Map.of(CodexProvider.OPTION_ALLOW_UNPOLICED_MODE, "true"))).approvalPolicy()).isEqualTo("never");
    assertThat(CodexProvider.threadSettings(settings(null, 0, Map.of())).approvalPolicy()).isEqualTo("untrusted");
  }

  @Test
  void sandboxDefaultsToFullAccessAndRejectsUnknownModes() {
    assertThat(CodexProvider.threadSettings(settings(null, 0, Map.of())).sandbox()).isEqualTo("danger-full-access");
    assertThat(CodexProvider.threadSettings(settings(null, 0, Map.of(CodexProvider.OPTION_SANDBOX,
        "workspace-write"))).sandbox()).isEqualTo("workspace-write");
    assertThatThrownBy(() -> provider.launchSpec(settings(null, 0, Map.of(CodexProvider.OPTION_SANDBOX, "open"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
  }

  @Test
  void settingsCodexCannotHonourAreRefusedClearly() {
    assertThatThrownBy(() -> provider.launchSpec(settings(null, 3, Map.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTurns");
    assertThatThrownBy(() -> provider.launchSpec(settings(null, 0, Map.of(CodexProvider.OPTION_MAX_RETRIES, "-1"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(CodexProvider.OPTION_MAX_RETRIES);
  }

  @Test
  void tomlStringsAreEscaped() {
    assertThat(CodexConfig.quoted("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
  }
}
