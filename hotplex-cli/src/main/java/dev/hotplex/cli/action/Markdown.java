package dev.hotplex.cli.action;

import java.util.Locale;

/** Small helpers for the markdown hotplex writes (step summary, comments): safe table cells and number formats. */
final class Markdown {
  private Markdown() {}

  /** Text for one table cell: one line, pipes escaped, cut to {@code maxLength}. */
  static String cell(String text, int maxLength) {
    String line = text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ").replace("|", "\\|");
    return line.length() <= maxLength ? line : line.substring(0, maxLength) + "…";
  }

  /** Inline code that survives backticks inside (a longer fence) and stays on one line. */
  static String code(String text, int maxLength) {
    String line = cell(text, maxLength);
    if (line.isEmpty()) {
      return "";
    }
    String fence = line.contains("``") ? "```" : line.contains("`") ? "``" : "`";
    return fence + (fence.length() > 1 ? " " + line + " " : line) + fence;
  }

  /** A fenced block whose fence is longer than any backtick run inside. */
  static String block(String language, String text) {
    String fence = "```";
    while (text.contains(fence)) {
      fence += "`";
    }
    return fence + language + "\n" + text.stripTrailing() + "\n" + fence + "\n";
  }

  static String cost(double usd) {
    return String.format(Locale.ROOT, "$%.4f", usd);
  }

  static String duration(long millis) {
    return millis < 60_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
        : String.format(Locale.ROOT, "%d min %d s", millis / 60_000, millis % 60_000 / 1000);
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
