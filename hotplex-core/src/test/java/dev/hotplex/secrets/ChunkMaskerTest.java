package dev.hotplex.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkMaskerTest {
  private static final String SECRET = "ghp_Secret/Token-42";
  private final SecretMasker masker = SecretMasker.of(SECRET, "ghp_Secret");

  @Test
  void secretSplitAcrossTwoChunksAtEveryPositionIsMasked() {
    String[] texts = {
        "log: " + SECRET + " end\n",
        "json: \"ghp_Secret\\/Token-42\"\n",
        "b64: " + Base64.getEncoder().encodeToString(("x:" + SECRET).getBytes(StandardCharsets.UTF_8)) + "\n",
    };
    for (String text : texts) {
      String expected = masker.mask(text);
      for (int split = 0; split <= text.length(); split++) {
        ChunkMasker chunks = masker.streaming();
        String out = chunks.accept(text.substring(0, split)) + chunks.accept(text.substring(split)) + chunks.finish();
        assertThat(out).as("split at %d", split).isEqualTo(expected).doesNotContain("Token-42");
      }
    }
  }

  @Test
  void oneCharacterChunksAreMasked() {
    String text = "a " + SECRET + " b " + SECRET;
    ChunkMasker chunks = masker.streaming();
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(chunks.accept(String.valueOf(c)));
    }
    out.append(chunks.finish());
    assertThat(out.toString()).isEqualTo("a **** b ****");
  }

  @Test
  void textThatCannotStartASecretIsReleasedAtOnce() {
    ChunkMasker chunks = masker.streaming();
    assertThat(chunks.accept("line one\n")).isEqualTo("line one\n");
    assertThat(chunks.pendingLength()).isZero();
    assertThat(chunks.accept("then gh")).isEqualTo("then ");
    assertThat(chunks.pendingLength()).isEqualTo(2);
    assertThat(chunks.accept("p_Secret/Token-42!")).isEqualTo("****!");
  }

  @Test
  void writerMasksAcrossWritesAndReleasesTailOnClose() throws IOException {
    StringWriter sink = new StringWriter();
    MaskingWriter writer = new MaskingWriter(sink, masker);
    writer.write("token ghp_Sec");
    writer.flush();
    assertThat(sink.toString()).isEqualTo("token ");
    writer.write("ret/Token-42 and ghp");
    writer.close();
    assertThat(sink.toString()).isEqualTo("token **** and ghp");
  }
}
