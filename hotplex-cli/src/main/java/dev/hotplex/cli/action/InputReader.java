package dev.hotplex.cli.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the action's inputs from the runner's {@code INPUT_*} variables and turns them into typed values. A bad
 * value is not thrown at once but collected as a problem, so the user sees every mistake in one run.
 */
final class InputReader {
  private final Map<String, String> environment;
  private final List<String> problems = new ArrayList<>();

  InputReader(Map<String, String> environment) {
    this.environment = environment;
  }

  /** Every problem found so far, one sentence each. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  void problem(ActionInput input, String message) {
    problems.add("Input '" + input.id + "' " + message);
  }

  /** The raw value, stripped; the input's default when missing or blank. */
  String text(ActionInput input) {
    String value = environment.get(input.variable());
    return value == null || value.isBlank() ? input.defaultValue : value.strip();
  }

  /** The value or null when missing or blank (inputs whose absence means something). */
  String optional(ActionInput input) {
    String value = text(input);
    return value.isEmpty() ? null : value;
  }

  /** {@code true} or {@code false} in the YAML 1.2 spellings GitHub's toolkit accepts. */
  boolean bool(ActionInput input) {
    String value = text(input);
    return switch (value) {
      case "true", "True", "TRUE" -> true;
      case "false", "False", "FALSE" -> false;
      default -> {
        problem(input, "must be true or false, not '" + value + "'");
        yield Boolean.parseBoolean(input.defaultValue);
      }
    };
  }

  /** A whole number from {@code min} to {@code max}. */
  int integer(ActionInput input, int min, int max) {
    String value = text(input);
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // reported below with the range
    }
    problem(input, "must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    return Integer.parseInt(input.defaultValue);
  }

  /**
   * Items separated by new lines or by commas outside brackets, so {@code Bash(git diff:*)} and
   * {@code src/{a,b}/**} stay whole; blank items are dropped.
   */
  List<String> list(ActionInput input) {
    List<String> items = new ArrayList<>();
    for (String line : text(input).lines().toList()) {
      int depth = 0;
      int start = 0;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '(' || c == '{' || c == '[') {
          depth++;
        } else if (c == ')' || c == '}' || c == ']') {
          depth = Math.max(0, depth - 1);
        } else if (c == ',' && depth == 0) {
          addItem(items, line.substring(start, i));
          start = i + 1;
        }
      }
      addItem(items, line.substring(start));
    }
    return List.copyOf(items);
  }

  private static void addItem(List<String> items, String item) {
    if (!item.isBlank()) {
      items.add(item.strip());
    }
  }

  /** Prompts separated by lines holding only {@code ---}; blank prompts are dropped. */
  List<String> prompts(ActionInput input) {
    List<String> prompts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text(input).lines().toList()) {
      if (line.strip().equals("---")) {
        addItem(prompts, current.toString());
        current.setLength(0);
      } else {
        current.append(line).append('\n');
      }
    }
    addItem(prompts, current.toString());
    return List.copyOf(prompts);
  }
}
