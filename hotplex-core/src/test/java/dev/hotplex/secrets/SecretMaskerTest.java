package dev.hotplex.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
  private static final String TOKEN = "sk-ant-api03-Xy/Z+9_é\"q\\w";
  private final SecretMasker masker = SecretMasker.of(List.of(TOKEN));

  @Test
  void plainEchoIsMasked() {
    assertThat(masker.mask("echo " + TOKEN)).isEqualTo("echo ****");
  }

  @Test
  void jsonEscapedFormsAreMasked() throws IOException {
    String jackson = new ObjectMapper().writeValueAsString(TOKEN);
    assertThat(jackson).doesNotContain(TOKEN);
    assertThat(masker.mask("{\"key\":" + jackson + "}")).isEqualTo("{\"key\":\"****\"}");
    String allEscaped = "sk-ant-api03-Xy\\u002fZ+9_\\u00E9\\\"q\\u005cw";
    assertThat(masker.mask("x" + allEscaped + "y")).isEqualTo("x****y");
    String slashEscaped = "sk-ant-api03-Xy\\/Z+9_\\u00e9\\\"q\\\\w";
    assertThat(masker.mask(slashEscaped)).isEqualTo(SecretMasker.MASK);
  }

  @Test
  void urlEncodedFormsAreMasked() {
    String encoded = URLEncoder.encode(TOKEN, StandardCharsets.UTF_8);
    assertThat(masker.mask("https://x.test/?k=" + encoded + "&a=1")).isEqualTo("https://x.test/?k=****&a=1");
    String lowerHex = java.util.regex.Pattern.compile("%[0-9A-F]{2}").matcher(encoded)
        .replaceAll(m -> m.group().toLowerCase());
    assertThat(lowerHex).isNotEqualTo(encoded);
    assertThat(masker.mask("k=" + lowerHex)).isEqualTo("k=****");
    StringBuilder everyByte = new StringBuilder();
    for (byte b : TOKEN.getBytes(StandardCharsets.UTF_8)) {
      everyByte.append(String.format("%%%02X", b & 0xff));
    }
    assertThat(masker.mask("k=" + everyByte + "&")).isEqualTo("k=****&");
  }

  @Test
  void shellQuotedFormsAreMasked() {
    SecretMasker quoted = SecretMasker.of("it's $ecret pass");
    assertThat(quoted.mask("echo 'it'\\''s $ecret pass'")).isEqualTo("echo '****'");
    assertThat(quoted.mask("echo \"it's \\$ecret pass\"")).isEqualTo("echo \"****\"");
    assertThat(quoted.mask("echo it\\'s\\ \\$ecret\\ pass")).isEqualTo("echo ****");
  }

  @Test
  void base64AtEveryOffsetAndAlphabetIsMasked() {
    byte[] secret = TOKEN.getBytes(StandardCharsets.UTF_8);
    for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
      for (int offset = 0; offset < 6; offset++) {
        byte[] blob = new byte[offset + secret.length + 5];
        for (int i = 0; i < blob.length; i++) {
          blob[i] = (byte) ('a' + i % 7);
        }
        System.arraycopy(secret, 0, blob, offset, secret.length);
        String encoded = encoder.encodeToString(blob);
        String masked = masker.mask("Authorization: Basic " + encoded);
        assertThat(masked).as("offset %d of %s", offset, encoded).contains(SecretMasker.MASK);
        String withoutMask = masked.substring(masked.indexOf(' ', 15) + 1).replace(SecretMasker.MASK, "");
        // What is left of the blob is at most the neighbours' characters, never enough to decode the secret.
        assertThat(withoutMask.length()).isLessThanOrEqualTo(encoded.length() - 4 * secret.length / 3 + 2);
      }
    }
  }

  @Test
  void secretContainingAnotherIsMaskedWhole() {
    SecretMasker both = SecretMasker.of("abcd1234", "xxabcd1234yy");
    assertThat(both.mask("1 xxabcd1234yy 2 abcd1234 3")).isEqualTo("1 **** 2 **** 3");
  }

  @Test
  void shortSecretsDoNotMangleOutput() {
    SecretMasker shortOnes = SecretMasker.of("a", "ab", "abc", null, "   ");
    String text = "a cat sat on abc mat";
    assertThat(shortOnes.mask(text)).isEqualTo(text);
    assertThat(shortOnes.size()).isZero();
  }

  @Test
  void surroundingWhitespaceOfASecretIsIgnored() {
    SecretMasker fromFile = SecretMasker.of("tok-12345\n");
    assertThat(fromFile.mask("token=tok-12345.")).isEqualTo("token=****.");
  }

  @Test
  void textWithoutSecretsIsUnchanged() {
    String text = "{\"type\":\"text\",\"text\":\"hello / world \\u00e9\"} %2F c2stYW50";
    assertThat(masker.mask(text)).isEqualTo(text);
    assertThat(SecretMasker.none().mask(text)).isEqualTo(text);
  }

  @Test
  void toStringNeverShowsTheSecrets() {
    assertThat(masker.toString()).doesNotContain(TOKEN).contains("1 secrets");
  }
}
