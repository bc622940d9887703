package dev.hotplex.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The regular expressions that find one secret in text, in every form it may be printed in. Package-private: the
 * only way in is {@link SecretMasker}.
 */
final class SecretForms {

  /** One way to write a secret: a regex that matches it, and the longest text that regex can match. */
  record Form(String regex, int maxLength, int nominalLength) {}

  private SecretForms() {}

  /** Every form of {@code secret}: the escaped text form, then the base64 cores. */
  static List<Form> of(String secret) {
    List<Form> forms = new ArrayList<>();
    forms.add(escapedText(secret));
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    Set<String> cores = new LinkedHashSet<>();
    for (int offset = 0; offset < 3; offset++) {
      cores.add(base64Core(bytes, offset, Base64.getEncoder()));
      cores.add(base64Core(bytes, offset, Base64.getUrlEncoder()));
    }
    for (String core : cores) {
      if (!core.isEmpty()) {
        forms.add(new Form(Pattern.quote(core), core.length(), core.length()));
      }
    }
    return forms;
  }

  /**
   * One regex in which every character of the secret may appear as itself or in any of its escaped spellings:
   * JSON ({@code \"}, {@code \\}, {@code \/}, {@code \n}, <code>&#92;u00e9</code>, surrogate pairs), URL encoding
   * ({@code %2F}/{@code %2f} of each UTF-8 byte, {@code +} for a space), shell backslash escapes ({@code \$},
   * {@code \ }) and a single quote closed and reopened ({@code '\''}, {@code '"'"'}). Escapes may be mixed, so
   * a tool that escapes only some characters is still caught.
   */
  private static Form escapedText(String secret) {
    StringBuilder regex = new StringBuilder();
    int maxLength = 0;
    for (int i = 0; i < secret.length(); ) {
      int codePoint = secret.codePointAt(i);
      i += Character.charCount(codePoint);
      List<String> spellings = spellings(codePoint);
      regex.append("(?:");
      int longest = 0;
      for (int k = 0; k < spellings.size(); k++) {
        String spelling = spellings.get(k);
        regex.append(k == 0 ? "" : "|").append(spellingRegex(spelling));
        longest = Math.max(longest, spelling.length());
      }
      regex.append(')');
      maxLength += longest;
    }
    return new Form(regex.toString(), maxLength, secret.length());
  }

  /** The ways one character may be written; hex digits are written lower case and matched in either case. */
  private static List<String> spellings(int codePoint) {
    String plain = new String(Character.toChars(codePoint));
    List<String> spellings = new ArrayList<>();
    spellings.add(plain);
    StringBuilder unicodeEscape = new StringBuilder();
    for (char unit : plain.toCharArray()) {
      unicodeEscape.append(String.format("\\u%04x", (int) unit));
    }
    spellings.add(unicodeEscape.toString());
    String shortEscape = jsonShortEscape(codePoint);
    if (shortEscape != null) {
      spellings.add(shortEscape);
    }
    // Letters and digits too: a tool that percent-encodes every byte (issue 9 tried od | sed) is still caught.
    StringBuilder percent = new StringBuilder();
    for (byte b : plain.getBytes(StandardCharsets.UTF_8)) {
      percent.append(String.format("%%%02x", b & 0xff));
    }
    spellings.add(percent.toString());
    boolean asciiAlphanumeric = codePoint < 0x80 && Character.isLetterOrDigit(codePoint);
    boolean asciiPunctuation = codePoint < 0x80 && !asciiAlphanumeric && !Character.isISOControl(codePoint);
    if (asciiPunctuation) {
      spellings.add("\\" + plain);
    }
    if (codePoint == ' ') {
      spellings.add("+");
    }
    if (codePoint == '\'') {
      spellings.add("'\\''");
      spellings.add("'\"'\"'");
    }
    return spellings.stream().distinct().toList();
  }

  private static String jsonShortEscape(int codePoint) {
    return switch (codePoint) {
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '/' -> "\\/";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> null;
    };
  }

  /** Quotes a spelling; the hex digits of <code>&#92;uXXXX</code> and {@code %XX} escapes match in any case. */
  private static String spellingRegex(String spelling) {
    boolean hexEscape = spelling.length() > 1 && (spelling.startsWith("\\u") || spelling.startsWith("%"));
    if (hexEscape) {
      return "(?i:" + Pattern.quote(spelling) + ")";
    }
    return Pattern.quote(spelling);
  }

  /**
   * The base64 characters that every encoding of a blob containing {@code bytes} at a position {@code offset}
   * (mod 3) contains, whatever bytes surround them. Base64 turns each 3 bytes into 4 characters, so the same
   * bytes encode differently depending on where they start in the blob; and the first and last characters of
   * the secret's span also carry bits of its neighbours. We encode {@code offset} filler bytes plus the secret
   * and keep only the characters made purely of the secret's bits: those from bit {@code 8*offset} (rounded up
   * to a character boundary) to the last whole 6-bit group inside the secret.
   */
  static String base64Core(byte[] bytes, int offset, Base64.Encoder encoder) {
    byte[] shifted = new byte[offset + bytes.length];
    System.arraycopy(bytes, 0, shifted, offset, bytes.length);
    String encoded = encoder.withoutPadding().encodeToString(shifted);
    int firstChar = (8 * offset + 5) / 6;
    int endChar = (8 * (offset + bytes.length)) / 6;
    return firstChar >= endChar ? "" : encoded.substring(firstChar, endChar);
  }
}
