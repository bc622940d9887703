package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {
  private final DurationConverter durations = new DurationConverter();
  private final BaseUrlConverter baseUrls = new BaseUrlConverter();

  @Test
  void durationsAcceptShortFormsAndIso8601() {
    assertThat(durations.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(durations.convert("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(durations.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(durations.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(durations.convert("2M5S")).isEqualTo(Duration.ofSeconds(125));
    assertThat(durations.convert("PT10M")).isEqualTo(Duration.ofMinutes(10));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "", "abc", "0s", "PT0S", "-5m", "5 minutes", "PTXM", "1d"})
  void badDurationsAreRejectedWithTheAcceptedForms(String text) {
    assertThatThrownBy(() -> durations.convert(text)).isInstanceOf(TypeConversionException.class)
        .hasMessageContaining(text.isEmpty() ? "''" : text);
  }

  @Test
  void baseUrlsKeepAPrefixAndLoseATrailingSlash() {
    assertThat(baseUrls.convert("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
    assertThat(baseUrls.convert("https://proxy.example.com/anthropic/")).isEqualTo(
        "https://proxy.example.com/anthropic");
    assertThat(baseUrls.convert("https://v1.example.com/v10")).isEqualTo("https://v1.example.com/v10");
  }

  @Test
  void baseUrlWithVersionPathSuggestsTheRoot() {
    assertThatThrownBy(() -> baseUrls.convert("https://proxy.example.com/anthropic/v1/messages"))
        .hasMessageContaining("--base-url https://proxy.example.com/anthropic ");
    assertThatThrownBy(() -> baseUrls.convert("http://127.0.0.1:8080/v1/"))
        .hasMessageContaining("--base-url http://127.0.0.1:8080 ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:8080", "ftp://example.com", "http://", "http://user:pw@example.com",
      "http://example.com?x=1", "not a url"})
  void badBaseUrlsAreRejected(String text) {
    assertThatThrownBy(() -> baseUrls.convert(text)).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void credentialsInTheUrlAreNeverEchoed() {
    assertThatThrownBy(() -> baseUrls.convert("http://user:s3cret@example.com"))
        .hasMessageNotContaining("s3cret");
  }
}
