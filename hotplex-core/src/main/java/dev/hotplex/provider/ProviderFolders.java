package dev.hotplex.provider;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a provider keeps the per-session configuration it writes for its CLI (never the user's own config).
 *
 * <p>When the session names a {@link AgentSettings#stateDir()}, that folder is used. Otherwise the folder is
 * derived from the provider and the settings that shape the configuration, under {@code java.io.tmpdir}: equal
 * settings give the same folder, so a pre-warmed process launched with it stays interchangeable with the next
 * session's first launch.
 */
public final class ProviderFolders {
  private ProviderFolders() {}

  /** The folder for {@code providerId}'s configuration; the caller creates it. */
  public static Path configDir(String providerId, AgentSettings settings) {
    if (settings.stateDir() != null) {
      return settings.stateDir().resolve(providerId);
    }
    String shape = String.join("\n", String.valueOf(settings.workDir()), String.valueOf(settings.baseUrl()),
        String.valueOf(settings.model()), String.valueOf(settings.agentHome()),
        String.valueOf(settings.providerOptions()));
    String user = System.getProperty("user.name", "user");
    return Path.of(System.getProperty("java.io.tmpdir"), "hotplex-" + user, providerId + "-" + sha256(shape));
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
