package dev.hotplex.cli.action;

import java.util.List;
import java.util.Map;

/**
 * How a mode ended: the failures that make the step fail (empty on success), its own outputs, and its section of
 * the step summary.
 */
record ModeResult(List<String> failures, Map<ActionOutput, String> outputs, String summary) {

  ModeResult {
    failures = List.copyOf(failures);
    outputs = Map.copyOf(outputs);
  }

  static ModeResult failed(String failure) {
    return new ModeResult(List.of(failure), Map.of(), "");
  }
}
