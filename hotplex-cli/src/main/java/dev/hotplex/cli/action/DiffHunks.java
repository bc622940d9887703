package dev.hotplex.cli.action;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of one file's unified diff that a pull request review comment can point at: every added and every
 * context line of the new version (GitHub's side {@code RIGHT}). Lines outside the hunks cannot carry an inline
 * comment; GitHub rejects the whole review if one does.
 */
final class DiffHunks {
  /** A file without a diff GitHub shows (binary, or too large): no line can be commented. */
  static final DiffHunks NONE = new DiffHunks(List.of());

  private static final Pattern HUNK_HEADER = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@.*");

  /** Inclusive ranges of commentable new-side line numbers, in order. */
  private final List<int[]> ranges;

  private DiffHunks(List<int[]> ranges) {
    this.ranges = ranges;
  }

  /**
   * Reads the hunks of one file's patch, as GitHub's pull request files API gives it (starting at the first
   * {@code @@} line); file headers ({@code diff --git}, {@code ---}, {@code +++}) before it are skipped.
   *
   * @throws IllegalArgumentException when a hunk header is malformed
   */
  static DiffHunks parse(String patch) {
    if (patch == null || patch.isBlank()) {
      return NONE;
    }
    List<int[]> ranges = new ArrayList<>();
    int next = -1;
    int start = -1;
    for (String line : patch.lines().toList()) {
      if (line.startsWith("@@")) {
        Matcher header = HUNK_HEADER.matcher(line);
        if (!header.matches()) {
          throw new IllegalArgumentException("malformed hunk header: " + line);
        }
        start = close(ranges, start, next);
        next = Integer.parseInt(header.group(1));
      } else if (next < 0 || line.startsWith("-") || line.startsWith("\\")) {
        // before the first hunk (file headers), a removed line, or "\ No newline at end of file"
        continue;
      } else {
        // an added line or a context line (GitHub starts those with a space; a bare empty line is one too)
        start = start < 0 ? next : start;
        next++;
      }
    }
    close(ranges, start, next);
    return new DiffHunks(List.copyOf(ranges));
  }

  /** Ends the open range [start, next - 1], if any; returns the new (closed) start. */
  private static int close(List<int[]> ranges, int start, int next) {
    if (start >= 0 && next > start) {
      ranges.add(new int[] {start, next - 1});
    }
    return -1;
  }

  /** Whether a comment can point at new-side line {@code line}. */
  boolean contains(int line) {
    for (int[] range : ranges) {
      if (line >= range[0] && line <= range[1]) {
        return true;
      }
    }
    return false;
  }

  /** The commentable lines for a human or the model, e.g. {@code 3-9, 40-47}; {@code none} when there are none. */
  String describe() {
    if (ranges.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (int[] range : ranges) {
      parts.add(range[0] == range[1] ? String.valueOf(range[0]) : range[0] + "-" + range[1]);
    }
    return String.join(", ", parts);
  }
}
