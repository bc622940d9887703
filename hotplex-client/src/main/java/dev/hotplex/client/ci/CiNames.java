package dev.hotplex.client.ci;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names that tie daemon state to a CI run: each run gets its own session scope, and each run, node and key its
 * own daemon folder. Sessions are found again by {@code (scope, name)}, so the calls of one run on one node that
 * use the same session name share one warm agent, while another run (or a re-run) never sees them.
 *
 * <pre>{@code
 * CiNames.runScope("jenkins", "team/app/PR-7", 12)           // "jenkins:team/app/PR-7#12"
 * CiNames.daemonFolder("team/app/PR-7", 12, "node-1|cred")   // "run-12-3f2a9c1b7d4e"
 * }</pre>
 */
public final class CiNames {
  /** The session of calls that name none: one per run and node. */
  public static final String DEFAULT_SESSION = "default";
  /** Longest session name. */
  static final int MAX_SESSION_NAME = 64;
  private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_SESSION_NAME - 1) + "}");
  /** Hex digits of the hash in a daemon folder name: unique enough among one workspace's runs. */
  private static final int FOLDER_HASH_LENGTH = 12;

  private CiNames() {}

  /** The session scope of one run of a pipeline, e.g. {@code jenkins:team/app#12}. */
  public static String runScope(String ciSystem, String pipeline, long runNumber) {
    return ciSystem + ":" + pipeline + "#" + runNumber;
  }

  /**
   * The folder (one path segment) of the daemon that serves one run on one node for one daemon key (the key
   * separates daemons that need different environments, such as different provider keys). Safe on any file
   * system: the run number and a hash, never the pipeline's name or the key itself.
   */
  public static String daemonFolder(String pipeline, long runNumber, String daemonKey) {
    return "run-" + runNumber + "-" + Sha256.of(pipeline + "#" + runNumber + "|" + daemonKey).substring(0,
        FOLDER_HASH_LENGTH);
  }

  /** A problem with a session name, for form validation; empty when fine (or unset: the default session). */
  public static Optional<String> checkSessionName(String name) {
    if (name == null || name.isBlank() || SESSION_NAME.matcher(name.strip()).matches()) {
      return Optional.empty();
    }
    return Optional.of("The session name '" + name.strip() + "' may hold only letters, digits, '.', '_' and '-',"
        + " starting with a letter or digit, at most " + MAX_SESSION_NAME + " characters.");
  }
}
