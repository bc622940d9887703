package dev.hotplex.sandbox;

import java.util.Arrays;
import java.util.Locale;

/** Whether agent processes run inside an OS sandbox. See {@link Sandboxes#forMode(SandboxMode)}. */
public enum SandboxMode {
  /** Never sandbox: the command runs as given ({@link Sandbox#NONE}). */
  OFF,
  /** Sandbox with bubblewrap when it works on this machine; otherwise run unsandboxed and warn once. */
  AUTO,
  /** Sandbox with bubblewrap or fail: a missing or broken bwrap is an error that says how to fix it. */
  REQUIRED;

  /**
   * Parses {@code off}, {@code auto} or {@code required}, in any case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static SandboxMode parse(String text) {
    String normalized = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    for (SandboxMode mode : values()) {
      if (mode.name().equals(normalized)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown sandbox mode '" + text + "'; use one of "
        + Arrays.toString(values()).toLowerCase(Locale.ROOT));
  }
}
