package dev.hotplex.client.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentJarTest {
  @TempDir Path dir;

  private static String sha(String content) throws IOException {
    return AgentJar.sha256(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void sha256IsTheKnownDigest() throws Exception {
    assertThat(sha("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void installedOnlyWhenTheFileHasTheExpectedHash() throws Exception {
    Path jar = dir.resolve(AgentJar.FILE_NAME);
    assertThat(AgentJar.isInstalled(jar, sha("v2"))).isFalse();

    Files.writeString(jar, "v1");
    assertThat(AgentJar.isInstalled(jar, sha("v2"))).isFalse();

    Files.writeString(jar, "v2");
    assertThat(AgentJar.isInstalled(jar, sha("v2"))).isTrue();
  }

  @Test
  void promoteMovesAGoodCopyIntoPlaceReplacingAnOldJar() throws Exception {
    Path jar = Files.writeString(dir.resolve(AgentJar.FILE_NAME), "v1");
    Path copy = Files.writeString(dir.resolve("hotplex.jar.tmp"), "v2");

    AgentJar.promote(copy, jar, sha("v2"));

    assertThat(jar).hasContent("v2");
    assertThat(copy).doesNotExist();
  }

  @Test
  void promoteRefusesADamagedCopyAndKeepsTheOldJar() throws Exception {
    Path jar = Files.writeString(dir.resolve(AgentJar.FILE_NAME), "v1");
    Path copy = Files.writeString(dir.resolve("hotplex.jar.tmp"), "v2-truncat");

    assertThatThrownBy(() -> AgentJar.promote(copy, jar, sha("v2"))).isInstanceOf(IOException.class)
        .hasMessageContaining("damaged").hasMessageContaining(sha("v2"));
    assertThat(jar).hasContent("v1");
    assertThat(copy).doesNotExist();
  }
}
