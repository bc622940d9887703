package dev.hotplex.session;

/** The agent process failed to start or exited when it should not have. Carries its exit code and stderr tail. */
public class AgentProcessException extends HotplexException {
  private final int exitCode;
  private final String stderrTail;

  public AgentProcessException(String message, int exitCode, String stderrTail) {
    super(message);
    this.exitCode = exitCode;
    this.stderrTail = stderrTail;
  }

  /** The exit code, or -1 if the process had not exited. */
  public int exitCode() {
    return exitCode;
  }

  public String stderrTail() {
    return stderrTail;
  }
}
