package dev.hotplex.cli.action;

import dev.hotplex.secrets.SecretMasker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

/**
 * The files through which a step hands results to the runner: outputs ({@code GITHUB_OUTPUT}) and the markdown
 * step summary ({@code GITHUB_STEP_SUMMARY}). Everything written is masked first. Outside a job (no such
 * variable) nothing is written.
 */
final class StepFiles {
  private final Path outputFile;
  private final Path summaryFile;
  private final SecretMasker masker;

  StepFiles(Path outputFile, Path summaryFile, SecretMasker masker) {
    this.outputFile = outputFile;
    this.summaryFile = summaryFile;
    this.masker = masker;
  }

  /**
   * Appends the outputs in the multi-line form {@code name<<DELIMITER}, value, {@code DELIMITER}, with a random
   * delimiter that no value contains.
   *
   * @throws IOException when the file cannot be written
   */
  void writeOutputs(Map<ActionOutput, String> outputs) throws IOException {
    if (outputFile == null) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (Map.Entry<ActionOutput, String> output : outputs.entrySet()) {
      String value = masker.mask(output.getValue() == null ? "" : output.getValue());
      String delimiter;
      do {
        delimiter = "ghadelimiter_" + UUID.randomUUID();
      } while (value.contains(delimiter));
      text.append(output.getKey().id).append("<<").append(delimiter).append('\n')
          .append(value).append('\n').append(delimiter).append('\n');
    }
    append(outputFile, text.toString());
  }

  /** Appends markdown to the step summary. */
  void writeSummary(String markdown) throws IOException {
    if (summaryFile != null) {
      append(summaryFile, masker.mask(markdown));
    }
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
