package dev.hotplex.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * Contains an agent process at the OS level, so that a policy miss is not a disaster. Implementations rewrite
 * the command line (e.g. prefix it with {@code bwrap ...}).
 */
public interface Sandbox {

  /**
   * The command that runs {@code command} inside the sandbox.
   *
   * @param command the executable and its arguments
   * @param workDir the workspace: writable inside the sandbox
   * @param writablePaths further writable paths (the agent's HOME/state folder)
   */
  List<String> wrap(List<String> command, Path workDir, List<Path> writablePaths);

  /** A short description for logs, e.g. {@code bwrap 0.8.0} or {@code none}. */
  String describe();

  /** No containment: the command runs as given. */
  Sandbox NONE = new Sandbox() {
    @Override
    public List<String> wrap(List<String> command, Path workDir, List<Path> writablePaths) {
      return List.copyOf(command);
    }

    @Override
    public String describe() {
      return "none";
    }
  };
}
