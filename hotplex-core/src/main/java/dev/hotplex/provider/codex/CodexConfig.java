package dev.hotplex.provider.codex;

import dev.hotplex.provider.AgentSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The {@code config.toml} hotplex writes into the per-session {@code CODEX_HOME} (never the user's
 * {@code ~/.codex}): one model provider named {@value #PROVIDER_NAME} that speaks the Responses API at
 * {@code <baseUrl>/v1} (default {@code https://api.openai.com/v1}) with the key from {@code OPENAI_API_KEY}, and
 * no update check. The working directory is deliberately NOT marked trusted: Codex then ignores a repository's own
 * {@code .codex/} configuration and rules, which (in an untrusted pull request, say) could approve commands without
 * asking hotplex.
 */
final class CodexConfig {
  static final String FILE_NAME = "config.toml";
  static final String PROVIDER_NAME = "hotplex";
  static final String DEFAULT_BASE_URL = "https://api.openai.com";

  private CodexConfig() {}

  /** The file's text for these settings. */
  static String render(AgentSettings settings, Integer maxRetries) {
    String root = settings.baseUrl() == null ? DEFAULT_BASE_URL : settings.baseUrl();
    StringBuilder toml = new StringBuilder()
        .append("# Written by hotplex for its own Codex sessions; regenerated at every start.\n")
        .append("model_provider = ").append(quoted(PROVIDER_NAME)).append('\n')
        .append("check_for_update_on_startup = false\n\n")
        .append("[model_providers.").append(PROVIDER_NAME).append("]\n")
        .append("name = ").append(quoted(PROVIDER_NAME)).append('\n')
        .append("base_url = ").append(quoted(stripSlash(root) + "/v1")).append('\n')
        .append("env_key = ").append(quoted(CodexProvider.API_KEY_VARIABLE)).append('\n')
        .append("wire_api = \"responses\"\n");
    if (maxRetries != null) {
      toml.append("request_max_retries = ").append(maxRetries).append('\n')
          .append("stream_max_retries = ").append(maxRetries).append('\n');
    }
    return toml.toString();
  }

  /** Writes the file into {@code codexHome} (created if needed), atomically where the file system allows. */
  static void write(Path codexHome, String text) {
    try {
      Files.createDirectories(codexHome);
      Path temporary = Files.createTempFile(codexHome, FILE_NAME, ".tmp");
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(temporary, codexHome.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write Codex's configuration into " + codexHome
          + ": check that hotplex may write there (or set stateDir)", e);
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** A TOML basic string. */
  static String quoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
