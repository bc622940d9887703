package dev.hotplex.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotplex.provider.AgentProtocol;
import dev.hotplex.provider.AgentProvider;
import dev.hotplex.provider.AgentSettings;
import dev.hotplex.provider.LaunchSpec;
import dev.hotplex.provider.ProtocolPeer;
import dev.hotplex.session.AgentNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliLocatorTest {
  private static final AgentProvider PROVIDER = new AgentProvider() {
    @Override public String id() { return "demo"; }
    @Override public String executableName() { return "demo-agent-cli"; }
    @Override public String npmPackage() { return "@example/demo-agent@9.9.9"; }
    @Override public String apiKeyVariable() { return "DEMO_KEY"; }
    @Override public LaunchSpec launchSpec(AgentSettings settings) { throw new UnsupportedOperationException(); }
    @Override public AgentProtocol newProtocol(AgentSettings settings, ProtocolPeer peer) {
      throw new UnsupportedOperationException();
    }
  };

  @TempDir Path dir;

  private Path executable(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @Test
  void configuredPathWins() throws IOException {
    Path cli = executable(dir.resolve("custom/demo"));

    assertThat(new CliLocator(Map.of("PATH", "")).locate(PROVIDER, cli)).isEqualTo(cli);
  }

  @Test
  void configuredPathThatIsMissingOrNotExecutableIsAClearError() throws IOException {
    Path plain = Files.writeString(dir.resolve("plain"), "text");
    CliLocator locator = new CliLocator(Map.of());

    assertThatThrownBy(() -> locator.locate(PROVIDER, dir.resolve("nope")))
        .isInstanceOf(AgentNotFoundException.class).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> locator.locate(PROVIDER, plain))
        .isInstanceOf(AgentNotFoundException.class).hasMessageContaining("is not an executable file");
  }

  @Test
  void foundOnPathBeforeTheInstallFolder() throws IOException {
    Path onPath = executable(dir.resolve("bin/demo-agent-cli"));
    executable(dir.resolve("agents/demo/node_modules/.bin/demo-agent-cli"));
    Map<String, String> host = Map.of("PATH", "/nonexistent:" + onPath.getParent(),
        CliLocator.AGENTS_DIR_VARIABLE, dir.resolve("agents").toString());

    assertThat(new CliLocator(host).locate(PROVIDER, null)).isEqualTo(onPath);
  }

  @Test
  void foundInTheInstallFolderNamedByTheVariable() throws IOException {
    Path installed = executable(dir.resolve("agents/demo/node_modules/.bin/demo-agent-cli"));
    Map<String, String> host = Map.of("PATH", "/nonexistent", CliLocator.AGENTS_DIR_VARIABLE,
        dir.resolve("agents").toString());

    assertThat(new CliLocator(host).locate(PROVIDER, null)).isEqualTo(installed);
  }

  @Test
  void missingCliMessageSaysWhereItLookedAndWhatToRun() {
    Map<String, String> host = Map.of("PATH", "/nonexistent", CliLocator.AGENTS_DIR_VARIABLE,
        dir.resolve("agents").toString());

    assertThatThrownBy(() -> new CliLocator(host).locate(PROVIDER, null))
        .isInstanceOf(AgentNotFoundException.class)
        .hasMessageContaining(dir.resolve("agents/demo/node_modules/.bin/demo-agent-cli").toString())
        .hasMessageContaining("npm install --prefix .hotplex/agents/demo @example/demo-agent@9.9.9")
        .hasMessageContaining("scripts/install-agents demo");
  }
}
