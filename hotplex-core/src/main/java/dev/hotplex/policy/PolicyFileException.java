package dev.hotplex.policy;

/**
 * A policy file that cannot be used. The message names the file, line and column and what to fix, e.g.
 * {@code policy.yaml:12:7: unknown field 'comands' in match; known fields: [...]}.
 */
public final class PolicyFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String problem;

  public PolicyFileException(String file, int line, int column, String problem) {
    super(file + (line > 0 ? ":" + line + ":" + column : "") + ": " + problem);
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /** The file (or resource) name as given. */
  public String file() {
    return file;
  }

  /** 1-based line, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column, or 0 when unknown. */
  public int column() {
    return column;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }
}
