package dev.hotplex.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks for secrets in text, in every form a leak could take, independently of hotplex's own masker (a scan that
 * used the masker could not find what the masker misses): the value; a fragment of it (a cut-off copy);
 * JSON-escaped, also with every byte as {@code \\u00XX}; URL-encoded, also with every byte as {@code %XX};
 * base64 and base64url at all three alignments (only the characters that encode the secret's own bits, so a
 * secret inside a larger base64 blob is found too).
 */
final class SecretScanner {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Length of the fragment taken from the middle of each secret. */
  private static final int FRAGMENT = 16;

  /** One way a secret can appear. */
  record Form(String secret, String name, String text) {}

  private final List<Form> forms = new ArrayList<>();

  /** @param secrets name to value; each value must be at least {@value #FRAGMENT} + 2 characters */
  SecretScanner(Map<String, String> secrets) {
    secrets.forEach((name, value) -> forms.addAll(formsOf(name, value)));
  }

  /** Occurrences per form ({@code secret/form}), only those found. */
  Map<String, Integer> scan(String text) {
    Map<String, Integer> found = new LinkedHashMap<>();
    for (Form form : forms) {
      int count = occurrences(text, form.text());
      if (count > 0) {
        found.merge(form.secret() + "/" + form.name(), count, Integer::sum);
      }
    }
    return found;
  }

  /** About 80 characters around the first occurrence of any form, to show what leaked where. */
  Optional<String> firstContext(String text) {
    int first = -1;
    for (Form form : forms) {
      int at = text.indexOf(form.text());
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first < 0 ? Optional.empty()
        : Optional.of(text.substring(Math.max(0, first - 40), Math.min(text.length(), first + 40)));
  }

  /** Total occurrences of every form. */
  int count(String text) {
    return scan(text).values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * The text of NDJSON-like event lines put back together the way a reader would: the {@code text} of
   * consecutive {@code text_delta} events joined, so that a secret split across events is whole again. Lines
   * that are not JSON are skipped (scan them as they are).
   */
  static String joinedDeltas(List<String> jsonEvents) {
    StringBuilder joined = new StringBuilder();
    for (String line : jsonEvents) {
      JsonNode event;
      try {
        event = JSON.readTree(line);
      } catch (JsonProcessingException notJson) {
        continue;
      }
      JsonNode inner = event.has("event") ? event.path("event") : event;
      if ("text_delta".equals(inner.path("type").asText())) {
        joined.append(inner.path("text").asText());
      } else {
        joined.append('\n');
      }
    }
    return joined.toString();
  }

  private static List<Form> formsOf(String name, String value) {
    if (value.length() < FRAGMENT + 2) {
      throw new IllegalArgumentException("secret " + name + " is too short to scan for a fragment");
    }
    List<Form> forms = new ArrayList<>();
    forms.add(new Form(name, "raw", value));
    int middle = (value.length() - FRAGMENT) / 2;
    forms.add(new Form(name, "fragment", value.substring(middle, middle + FRAGMENT)));
    try {
      String json = JSON.writeValueAsString(value);
      forms.add(new Form(name, "json", json.substring(1, json.length() - 1)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder unicode = new StringBuilder();
    StringBuilder percent = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      unicode.append(String.format("\\u%04x", b & 0xff));
      percent.append(String.format("%%%02X", b & 0xff));
    }
    forms.add(new Form(name, "json-unicode", unicode.toString()));
    forms.add(new Form(name, "json-unicode", unicode.toString().toUpperCase(java.util.Locale.ROOT)
        .replace("\\U", "\\u")));
    forms.add(new Form(name, "url", URLEncoder.encode(value, StandardCharsets.UTF_8)));
    forms.add(new Form(name, "url-every-byte", percent.toString()));
    forms.add(new Form(name, "url-every-byte", percent.toString().toLowerCase(java.util.Locale.ROOT)));
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (int shift = 0; shift < 3; shift++) {
      forms.add(new Form(name, "base64-" + shift, base64Core(bytes, shift, Base64.getEncoder())));
      forms.add(new Form(name, "base64url-" + shift, base64Core(bytes, shift, Base64.getUrlEncoder())));
    }
    // One form per distinct text (for a plain key, raw and JSON-escaped are the same text).
    Map<String, Form> distinct = new LinkedHashMap<>();
    forms.stream().filter(form -> !form.text().isEmpty()).forEach(form -> distinct.putIfAbsent(form.text(), form));
    return List.copyOf(distinct.values());
  }

  /** The base64 characters made only of the secret's bits when it starts {@code shift} bytes into a blob. */
  private static String base64Core(byte[] bytes, int shift, Base64.Encoder encoder) {
    byte[] blob = new byte[shift + bytes.length];
    System.arraycopy(bytes, 0, blob, shift, bytes.length);
    String encoded = encoder.withoutPadding().encodeToString(blob);
    int from = (shift * 8 + 5) / 6;
    int to = ((shift + bytes.length) * 8) / 6;
    return encoded.substring(from, to);
  }

  private static int occurrences(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }
}
