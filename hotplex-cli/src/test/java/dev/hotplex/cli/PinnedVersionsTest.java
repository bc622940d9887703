package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.provider.ProviderRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The pom's pinned CLI versions (used by scripts/install-agents and .ci/run) and the providers' must agree. */
class PinnedVersionsTest {
  private static final Map<String, String> PROPERTY_BY_PROVIDER = Map.of(
      "claude", "claudeCodeVersion", "codex", "codexVersion", "opencode", "opencodeVersion",
      "gemini", "geminiCliVersion");

  @Test
  void everyProvidersNpmPackageIsPinnedToThePomVersion() throws IOException {
    Properties pinned = new Properties();
    try (InputStream in = HotplexMain.class.getResourceAsStream("version.properties")) {
      pinned.load(in);
    }
    ProviderRegistry providers = ProviderRegistry.load();
    assertThat(providers.ids()).isNotEmpty();
    for (String id : providers.ids()) {
      String property = PROPERTY_BY_PROVIDER.get(id);
      assertThat(property).as("a pom version property for provider " + id).isNotNull();
      assertThat(providers.get(id).npmPackage()).as(id).endsWith("@" + pinned.getProperty(property));
    }
  }
}
