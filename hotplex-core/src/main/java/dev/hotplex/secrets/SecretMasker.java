package dev.hotplex.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces every secret value in text with {@value #MASK}. The one place that decides what "masked" means: the
 * engine runs logs, events, audit lines, outputs and exception chains through it.
 *
 * <p>Built from the secret values themselves (the provider key, tokens, user-declared secrets):
 * <pre>{@code
 * SecretMasker masker = SecretMasker.of(List.of(apiKey, githubToken));
 * log.info(masker.mask(line));
 * }</pre>
 *
 * <p>What is caught, for each secret:
 * <ul>
 *   <li>the value as is, and every character written in any escaped spelling, mixed freely: JSON escapes
 *       ({@code \"}, {@code \\}, {@code \/}, {@code \n}, <code>&#92;u002f</code>, <code>&#92;u00e9</code>), URL encoding
 *       ({@code %2F} or {@code %2f} per UTF-8 byte, letters and digits included, {@code +} for a space) and
 *       shell quoting (backslash escapes, {@code '\''} inside single quotes);</li>
 *   <li>base64, standard and URL-safe alphabets, of the secret's UTF-8 bytes at each of the three alignments,
 *       so a base64 blob that contains the secret anywhere (say, {@code user:token} in a Basic auth header) is
 *       caught too: see {@link SecretForms#base64Core}.</li>
 * </ul>
 *
 * <p>Secrets shorter than {@value #MIN_SECRET_LENGTH} characters are ignored: masking every {@code a} or
 * {@code 123} would mangle the output while protecting nothing. A value with surrounding whitespace (read from a
 * file, say) is also masked without it. All forms of all secrets are one compiled pattern, longest first, so a
 * secret that contains another is masked whole rather than leaving its remainder readable.
 *
 * <p>Instances are immutable and thread-safe. For text that arrives in pieces use {@link #streaming()}.
 */
public final class SecretMasker {

  /** What a secret is replaced with. */
  public static final String MASK = "****";

  /** Secrets shorter than this are not masked (they would match everywhere). */
  public static final int MIN_SECRET_LENGTH = 4;

  private static final SecretMasker NONE = new SecretMasker(List.of(), null, 0);

  private final List<String> secrets;
  private final Pattern pattern;
  private final int maxMatchLength;

  private SecretMasker(List<String> secrets, Pattern pattern, int maxMatchLength) {
    this.secrets = secrets;
    this.pattern = pattern;
    this.maxMatchLength = maxMatchLength;
  }

  /** A masker that masks nothing. */
  public static SecretMasker none() {
    return NONE;
  }

  /** A masker for these secret values; nulls, blanks and values under {@value #MIN_SECRET_LENGTH} are skipped. */
  public static SecretMasker of(Collection<String> secretValues) {
    Set<String> kept = new LinkedHashSet<>();
    for (String value : Objects.requireNonNull(secretValues, "secretValues")) {
      if (value == null) {
        continue;
      }
      for (String candidate : List.of(value, value.strip())) {
        if (candidate.length() >= MIN_SECRET_LENGTH) {
          kept.add(candidate);
        }
      }
    }
    if (kept.isEmpty()) {
      return NONE;
    }
    List<SecretForms.Form> forms = new ArrayList<>();
    for (String secret : kept) {
      forms.addAll(SecretForms.of(secret));
    }
    forms.sort(Comparator.comparingInt(SecretForms.Form::nominalLength).reversed());
    StringBuilder regex = new StringBuilder();
    int longest = 0;
    for (SecretForms.Form form : forms) {
      regex.append(regex.length() == 0 ? "" : "|").append(form.regex());
      longest = Math.max(longest, form.maxLength());
    }
    return new SecretMasker(List.copyOf(kept), Pattern.compile(regex.toString()), longest);
  }

  /** Same as {@link #of(Collection)}. */
  public static SecretMasker of(String... secretValues) {
    return of(java.util.Arrays.asList(secretValues));
  }

  /** A masker for this masker's secrets plus {@code more}. */
  public SecretMasker plus(Collection<String> more) {
    List<String> all = new ArrayList<>(secrets);
    all.addAll(more);
    return of(all);
  }

  /** {@code text} with every form of every secret replaced by {@value #MASK}; null stays null. */
  public String mask(String text) {
    if (pattern == null || text == null || text.isEmpty()) {
      return text;
    }
    return pattern.matcher(text).replaceAll(MASK);
  }

  /**
   * A copy of {@code json} with every secret masked value by value, so it stays valid JSON (masking the
   * serialized text could cut through quotes); a number or boolean that spells a secret becomes the string
   * {@value #MASK}. The node itself when there is nothing to mask; null stays null.
   */
  public JsonNode mask(JsonNode json) {
    return pattern == null ? json : MaskedJson.mask(json, this);
  }

  /** Whether {@code text} shows any form of a secret (a check for tests and last-line defences). */
  public boolean reveals(String text) {
    return pattern != null && text != null && pattern.matcher(text).find();
  }

  /** How many distinct secret values are masked (safe to log; the values never are). */
  public int size() {
    return secrets.size();
  }

  /** A masker for one stream of text that arrives in chunks (a secret may be split between two chunks). */
  public ChunkMasker streaming() {
    return new ChunkMasker(this);
  }

  /**
   * {@code error} with its message, and the messages of its whole cause and suppressed chain, masked. If nothing
   * in the chain shows a secret the same throwable is returned, type and all; otherwise a chain of
   * {@link MaskedException}s that name the original classes and keep their stack traces. Cycles in the chain
   * are preserved, not followed forever.
   */
  public Throwable maskThrowable(Throwable error) {
    if (error == null || !chainReveals(error, new IdentityHashMap<>())) {
      return error;
    }
    return copyMasked(error, new IdentityHashMap<>());
  }

  private boolean chainReveals(Throwable error, Map<Throwable, Boolean> seen) {
    if (error == null || seen.put(error, Boolean.TRUE) != null) {
      return false;
    }
    if (reveals(error.getMessage()) || reveals(error.toString())) {
      return true;
    }
    for (Throwable suppressed : error.getSuppressed()) {
      if (chainReveals(suppressed, seen)) {
        return true;
      }
    }
    return chainReveals(error.getCause(), seen);
  }

  private MaskedException copyMasked(Throwable error, Map<Throwable, MaskedException> copies) {
    MaskedException existing = copies.get(error);
    if (existing != null) {
      return existing;
    }
    MaskedException copy = new MaskedException(error.getClass().getName(), mask(error.getMessage()));
    copy.setStackTrace(error.getStackTrace());
    copies.put(error, copy);
    if (error.getCause() != null) {
      copy.initCause(copyMasked(error.getCause(), copies));
    }
    for (Throwable suppressed : error.getSuppressed()) {
      copy.addSuppressed(copyMasked(suppressed, copies));
    }
    return copy;
  }

  Pattern pattern() {
    return pattern;
  }

  /** The longest text one match can span; a streaming masker holds back at most this much minus one. */
  int maxMatchLength() {
    return maxMatchLength;
  }

  @Override
  public String toString() {
    return "SecretMasker[" + secrets.size() + " secrets]";
  }
}
