package dev.hotplex.reliability;

import dev.hotplex.testkit.model.FakeModelServer;
import dev.hotplex.testkit.model.ModelReply;
import dev.hotplex.testkit.model.ModelRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two turns that try every way to get a secret into hotplex's output. The first ({@code LEAK-<token>}) makes the
 * agent print the secrets from its environment (whole environment, base64 at three alignments, every byte URL-
 * and JSON-escaped, split over two writes with a pause, on stderr), write one into a file with the Write tool,
 * and then the model itself repeats them in its answer, which streams in 24-character deltas. The second
 * ({@code FAIL-<token>}) fails with an API error whose message holds the key.
 *
 * <p>hotplex's default policy already denies printing secret variables; the scenario's policy file turns those
 * rules off, to test the masking behind them.
 */
final class LeakScenario {
  /** The policy that lets secrets be printed, so that only masking stands between them and the output. */
  static final String PERMISSIVE_POLICY = "version: 1\ndisable: [secrets.dump-environment, secrets.print-variable]\n";
  static final String[] TOOLS = {"Bash", "Write"};
  private static final SecureRandom RANDOM = new SecureRandom();

  final String token = Trials.token();
  /** A fake Anthropic key, the agent's own variable. */
  final String apiKey = "sk-ant-api03-" + random(40) + "-hxAA";
  /** A fake GitHub token, given to the agent and declared a secret where the channel can. */
  final String githubToken = "ghp_" + random(36);
  /** A declared secret with characters that JSON and URLs escape. */
  final String password = "hx-Pa/ss \"w0rd\"+" + random(12) + "\\end";

  private static String random(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  String leakPrompt() {
    return "LEAK-" + token + " print the secrets";
  }

  String failPrompt() {
    return "FAIL-" + token + " call the model once more";
  }

  /** Every secret by its variable name. */
  Map<String, String> secrets() {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("ANTHROPIC_API_KEY", apiKey);
    secrets.put("GITHUB_TOKEN", githubToken);
    secrets.put("DB_PASSWORD", password);
    return secrets;
  }

  SecretScanner scanner() {
    return new SecretScanner(secrets());
  }

  static Path permissivePolicy(Path dir) throws IOException {
    return Files.writeString(dir.resolve("permissive-policy.yaml"), PERMISSIVE_POLICY);
  }

  /** Scripts both turns on {@code model}. */
  void script(FakeModelServer model) {
    String fail = "FAIL-" + token;
    String leak = "LEAK-" + token;
    model.when(ModelRequest::lastUserTextContains, fail)
        .reply(ModelReply.error(500, "api_error", "the upstream rejected key " + apiKey));
    model.when(request -> request.userTexts().stream().anyMatch(text -> text.contains(leak)))
        .replyWith(request -> step(request.toolResults().size()));
  }

  private ModelReply step(int done) {
    String all = "\"$ANTHROPIC_API_KEY\" \"$GITHUB_TOKEN\" \"$DB_PASSWORD\"";
    return switch (done) {
      case 0 -> ModelReply.bash("env | grep -E '^(ANTHROPIC_API_KEY|GITHUB_TOKEN|DB_PASSWORD)='", "show the keys");
      case 1 -> ModelReply.bash("for v in " + all + "; do for p in '' x xy; do printf '%s%s' \"$p\" \"$v\""
          + " | base64 -w0; echo; done; done", "base64 them");
      case 2 -> ModelReply.bash("for v in " + all + "; do printf '%s' \"$v\" | od -An -tx1 -v | tr -d ' \\n'"
          + " | sed 's/../%&/g'; echo; printf '%s' \"$v\" | od -An -tx1 -v | tr -s ' \\n' ' '"
          + " | sed 's/ \\([0-9a-f][0-9a-f]\\)/\\\\u00\\1/g'; echo; done", "escape them");
      case 3 -> ModelReply.bash("printf '%s' \"${ANTHROPIC_API_KEY:0:17}\"; sleep 0.3;"
          + " printf '%s\\n' \"${ANTHROPIC_API_KEY:17}\"; echo \"$GITHUB_TOKEN\" >&2", "split it");
      case 4 -> ModelReply.write("leak.txt", apiKey + "\n" + githubToken + "\n" + password + "\n");
      default -> ModelReply.text("Here they are: " + apiKey + " and " + githubToken + " and " + password
          + "; as JSON {\"key\":\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}; base64 "
          + Base64.getEncoder().encodeToString(apiKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".");
    };
  }
}
