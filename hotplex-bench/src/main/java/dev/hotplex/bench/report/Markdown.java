package dev.hotplex.bench.report;

import java.util.List;
import java.util.Map;

/** Small Markdown building blocks for the report. */
final class Markdown {
  private final StringBuilder text = new StringBuilder();

  Markdown line(String line) {
    text.append(line).append('\n');
    return this;
  }

  Markdown blank() {
    return line("");
  }

  Markdown heading(int level, String title) {
    return blank().line("#".repeat(level) + " " + title).blank();
  }

  Markdown table(List<String> headers, List<List<String>> rows) {
    line("| " + String.join(" | ", headers) + " |");
    line("|" + " --- |".repeat(headers.size()));
    rows.forEach(row -> line("| " + String.join(" | ", row.stream().map(Markdown::cell).toList()) + " |"));
    return blank();
  }

  Markdown facts(Map<String, String> facts) {
    facts.forEach((name, value) -> line("- " + name + ": `" + value.replace("`", "'") + "`"));
    return blank();
  }

  Markdown image(String alt, String path) {
    return line("![" + alt + "](" + path + ")").blank();
  }

  private static String cell(String value) {
    return value.replace("|", "\\|").replace("\n", " ");
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
