package dev.hotplex.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotplex.provider.AgentSettings;
import dev.hotplex.provider.LaunchSpec;
import dev.hotplex.provider.ProviderRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The argv and environment Claude Code is launched with, checked without spawning anything. */
class ClaudeProviderTest {
  private static final String SESSION = "3063f7bc-b373-443d-8e41-4a0dc80feda1";
  private final ClaudeProvider provider = new ClaudeProvider();

  private static AgentSettings settings(List<String> allowed, List<String> disallowed, String model, String mode,
      int maxTurns, String appendPrompt, String baseUrl, String resume, String newSession, boolean partial,
      Path home, List<String> extra, Map<String, String> options) {
    return new AgentSettings(Path.of("/work"), allowed, disallowed, model, mode, maxTurns, appendPrompt, baseUrl,
        resume, newSession, partial, home, extra, options, Path.of("/state"), Duration.ofSeconds(30));
  }

  private static AgentSettings minimal() {
    return settings(null, null, null, null, 0, null, null, null, null, false, null, null, null);
  }

  private static AgentSettings withMode(String mode, Map<String, String> options) {
    return settings(null, null, null, mode, 0, null, null, null, null, false, null, null, options);
  }

  @Test
  void minimalSettingsGiveTheStreamJsonControlProtocolAndLoadNoSettingsFiles() {
    assertThat(provider.launchSpec(minimal()).args()).containsExactly("--output-format", "stream-json", "--verbose",
        "--input-format", "stream-json", "--permission-prompt-tool", "stdio", "--setting-sources=");
  }

  @Test
  void everySettingBecomesItsFlagAndAllowedToolsAreNotHandedToTheCli() {
    AgentSettings full = settings(List.of("Read", "Bash(git diff:*)"), List.of("WebFetch", "Bash(rm:*)"),
        "claude-sonnet-4-5", "plan", 5, "-be brief", null, null, SESSION, true, null,
        List.of("--effort", "low"), Map.of());

    assertThat(provider.launchSpec(full).args()).containsExactly("--output-format", "stream-json", "--verbose",
        "--input-format", "stream-json", "--permission-prompt-tool", "stdio", "--setting-sources=",
        "--disallowedTools=WebFetch,Bash(rm:*)", "--model=claude-sonnet-4-5", "--permission-mode=plan",
        "--max-turns=5", "--append-system-prompt=-be brief", "--session-id=" + SESSION,
        "--include-partial-messages", "--effort", "low");
  }

  @Test
  void resumeNamesTheConversation() {
    AgentSettings resuming = minimal().resuming(SESSION);

    assertThat(provider.launchSpec(resuming).args()).contains("--resume=" + SESSION)
        .noneMatch(arg -> arg.startsWith("--session-id"));
  }

  @Test
  void resumeAndNewSessionTogetherAreRefused() {
    AgentSettings both = settings(null, null, null, null, 0, null, null, SESSION, SESSION, false, null, null, null);

    assertThatThrownBy(() -> provider.launchSpec(both)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pass only one");
  }

  @Test
  void nonUuidSessionIdIsRefusedBeforeTheCliSeesIt() {
    AgentSettings bad = settings(null, null, null, null, 0, null, null, null, "build-42", false, null, null, null);

    assertThatThrownBy(() -> provider.launchSpec(bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UUID").hasMessageContaining("build-42");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bypassPermissions", "acceptEdits", "auto", "dontAsk"})
  void modesThatSkipThePolicyAreRefused(String mode) {
    assertThatThrownBy(() -> provider.launchSpec(withMode(mode, Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(mode).hasMessageContaining(ClaudeProvider.OPTION_ALLOW_UNPOLICED_MODE);
  }

  @Test
  void unpolicedModeIsPassedWhenExplicitlyAccepted() {
    AgentSettings accepted = withMode("acceptEdits", Map.of(ClaudeProvider.OPTION_ALLOW_UNPOLICED_MODE, "true"));

    assertThat(provider.launchSpec(accepted).args()).contains("--permission-mode=acceptEdits");
  }

  @Test
  void unknownModeIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> provider.launchSpec(withMode("yolo", Map.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yolo").hasMessageContaining("plan");
  }

  @Test
  void settingSourcesCanBeChosenAndAreChecked() {
    Map<String, String> userOnly = Map.of(ClaudeProvider.OPTION_SETTING_SOURCES, "user, project");
    assertThat(provider.launchSpec(withMode(null, userOnly)).args()).contains("--setting-sources=user,project");

    Map<String, String> bad = Map.of(ClaudeProvider.OPTION_SETTING_SOURCES, "repo");
    assertThatThrownBy(() -> provider.launchSpec(withMode(null, bad)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'repo'");
  }

  @Test
  void environmentPointsAtTheModelEndpointAndTheAgentHomeAndKeepsTheCliQuiet() {
    AgentSettings local = settings(null, null, null, null, 0, null, "http://127.0.0.1:4711", null, null, false,
        Path.of("/state/home"), null, null);

    LaunchSpec spec = provider.launchSpec(local);

    assertThat(spec.environment()).containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:4711")
        .containsEntry("HOME", "/state/home").containsEntry("DISABLE_AUTOUPDATER", "1")
        .containsEntry("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1").containsEntry("DISABLE_TELEMETRY", "1")
        .containsEntry("DISABLE_ERROR_REPORTING", "1");
    assertThat(spec.passThroughVariables()).contains("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN")
        .doesNotContain("ANTHROPIC_BASE_URL");
    assertThat(spec.secretVariables()).contains("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN");
  }

  @Test
  void hostBaseUrlIsInheritedOnlyWhenTheSettingsNameNone() {
    LaunchSpec spec = provider.launchSpec(minimal());

    assertThat(spec.environment()).doesNotContainKeys("ANTHROPIC_BASE_URL", "HOME");
    assertThat(spec.passThroughVariables()).contains("ANTHROPIC_BASE_URL", "CLAUDE_CODE_USE_BEDROCK");
  }

  @Test
  void providerIsFoundByItsId() {
    assertThat(ProviderRegistry.load().get("claude")).isInstanceOf(ClaudeProvider.class);
    assertThat(provider.npmPackage()).isEqualTo("@anthropic-ai/claude-code@2.1.330");
    assertThat(provider.executableName()).isEqualTo("claude");
    assertThat(provider.apiKeyVariable()).isEqualTo("ANTHROPIC_API_KEY");
  }
}
