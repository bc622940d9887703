package dev.hotplex.cli.action;

import java.util.Locale;

/**
 * One problem the agent found in a pull request.
 *
 * @param path the file, relative to the repository root
 * @param line the line in the new version of the file (1-based)
 * @param suggestion replacement text for that line, or null
 */
record Finding(String path, int line, Severity severity, String message, String suggestion) {

  /** How bad a finding is; also the annotation level of its workflow command. */
  enum Severity {
    /** A bug, a security problem, data loss. */
    ERROR,
    /** A likely problem worth fixing. */
    WARNING,
    /** A minor remark. */
    NOTICE;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Severity parse(String text) {
      for (Severity severity : values()) {
        if (severity.id().equals(text)) {
          return severity;
        }
      }
      return null;
    }
  }

  /** {@code path:line}, for logs and lists. */
  String location() {
    return path + ":" + line;
  }
}
