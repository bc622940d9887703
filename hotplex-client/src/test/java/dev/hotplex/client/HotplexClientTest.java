package dev.hotplex.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotplexClientTest {
  @TempDir Path dir;

  @Test
  void discoverWithoutADaemonSaysHowToStartOne() {
    assertThatThrownBy(() -> HotplexClient.discover(dir)).isInstanceOf(HotplexClientException.class)
        .hasMessageContaining("No hotplex daemon found").hasMessageContaining("hotplex serve");
  }

  @Test
  void discoverOfAKilledDaemonSaysItIsNotRunning() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(dir.resolve("daemon.json"), "{\"endpoint\":\"http://127.0.0.1:1\",\"pid\":" + gone.pid()
        + ",\"tokenFile\":\"" + dir.resolve("token") + "\"}");

    assertThatThrownBy(() -> HotplexClient.discover(dir)).isInstanceOf(HotplexClientException.class)
        .hasMessageContaining("pid " + gone.pid()).hasMessageContaining("is not running");
  }

  @Test
  void discoverReadsTheEndpointAndTokenFileOfALiveDaemon() throws Exception {
    Files.writeString(dir.resolve("token"), "secret-token\n");
    Files.writeString(dir.resolve("daemon.json"), "{\"endpoint\":\"http://127.0.0.1:7777\",\"pid\":"
        + ProcessHandle.current().pid() + ",\"tokenFile\":\"" + dir.resolve("token") + "\"}");

    HotplexClient client = HotplexClient.discover(dir);

    assertThat(client.endpoint()).isEqualTo(URI.create("http://127.0.0.1:7777"));
    assertThat(client.toString()).doesNotContain("secret-token");
  }

  @Test
  void connectRefusesAUnixSocketEndpointAndSaysWhatToUse() {
    assertThatThrownBy(() -> HotplexClient.connect(URI.create("unix:/run/hotplex.sock"), "t"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--listen 127.0.0.1:PORT");
  }
}
