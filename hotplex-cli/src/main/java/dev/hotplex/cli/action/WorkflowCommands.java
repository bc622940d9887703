package dev.hotplex.cli.action;

import dev.hotplex.secrets.SecretMasker;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * GitHub Actions workflow commands ({@code ::error file=..,line=..::message}, {@code ::add-mask::}, groups), printed
 * on the step's standard output, escaped as the runner expects and masked with the action's secrets.
 *
 * <p>Text that hotplex does not control (the agent's output) is printed between {@link #stopCommands()} and
 * {@link #resumeCommands(String)}, so a line the agent writes such as {@code ::add-mask::} or
 * {@code ::error::} is shown as text and never executed by the runner.
 */
final class WorkflowCommands {
  private final PrintWriter out;
  private SecretMasker masker = SecretMasker.none();
  private final Set<String> masked = new HashSet<>();

  WorkflowCommands(PrintWriter out) {
    this.out = out;
  }

  /** Where an annotation points: a path relative to the repository root and a 1-based line (0: none). */
  record Location(String file, int line) {
    static final Location NONE = new Location(null, 0);
  }

  /**
   * Tells the runner to hide {@code secret} in every later log line and masks it in what hotplex prints itself.
   * Call before anything else is printed; blank values and values already masked are ignored.
   */
  synchronized void addMask(String secret) {
    if (secret == null || secret.isBlank() || !masked.add(secret)) {
      return;
    }
    for (String line : secret.strip().lines().toList()) {
      if (!line.isBlank()) {
        out.println("::add-mask::" + escapeData(line));
      }
    }
    out.flush();
    masker = masker.plus(List.of(secret));
  }

  /** The masker of every secret added so far. */
  synchronized SecretMasker masker() {
    return masker;
  }

  void error(String message, Location at) {
    annotation("error", message, at, null);
  }

  void warning(String message, Location at) {
    annotation("warning", message, at, null);
  }

  void notice(String message, Location at, String title) {
    annotation("notice", message, at, title);
  }

  private synchronized void annotation(String level, String message, Location at, String title) {
    Map<String, String> properties = new LinkedHashMap<>();
    if (title != null) {
      properties.put("title", title);
    }
    if (at.file() != null) {
      properties.put("file", at.file());
      if (at.line() > 0) {
        properties.put("line", String.valueOf(at.line()));
      }
    }
    command(level, properties, message);
  }

  /** Starts a collapsible group of log lines. */
  synchronized void group(String title) {
    command("group", Map.of(), title);
  }

  synchronized void endGroup() {
    command("endgroup", Map.of(), "");
  }

  /** Stops the runner from executing workflow commands until {@link #resumeCommands} with the returned token. */
  synchronized String stopCommands() {
    String token = "hotplex-" + UUID.randomUUID();
    command("stop-commands", Map.of(), token);
    return token;
  }

  synchronized void resumeCommands(String token) {
    out.println("::" + token + "::");
    out.flush();
  }

  /** Prints text that is not a command (the agent's log), masked. */
  synchronized void print(String text) {
    if (!text.isEmpty()) {
      out.print(masker.mask(text));
      out.flush();
    }
  }

  private void command(String name, Map<String, String> properties, String message) {
    StringBuilder line = new StringBuilder("::").append(name);
    String separator = " ";
    for (Map.Entry<String, String> property : properties.entrySet()) {
      line.append(separator).append(property.getKey()).append('=')
          .append(escapeProperty(masker.mask(property.getValue())));
      separator = ",";
    }
    out.println(line.append("::").append(escapeData(masker.mask(message))));
    out.flush();
  }

  /** Escapes a command's message: {@code %}, CR and LF, so a multi-line message stays one command. */
  static String escapeData(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Escapes a property value: as {@link #escapeData} plus {@code :} and {@code ,}, which end a property. */
  static String escapeProperty(String text) {
    return escapeData(text).replace(":", "%3A").replace(",", "%2C");
  }
}
