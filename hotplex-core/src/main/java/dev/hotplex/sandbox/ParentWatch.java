package dev.hotplex.sandbox;

import dev.hotplex.transport.ProcessTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes every agent die with the hotplex process that started it (the daemon, {@code hotplex run}, the action),
 * even after a {@code kill -9} of that process, when no clean-up code runs. A CI job that is aborted hard must not
 * leave an agent running on the build machine.
 *
 * <p>The engine starts each agent in its own process group (through {@code setsid}), so the agent does not get
 * its parent's signals, and {@code PR_SET_PDEATHSIG} would not help: it kills only the direct child, and fires
 * when the spawning <em>thread</em> ends, not the process. Instead this sandbox layer prefixes the command with a
 * small {@code /bin/sh} script that starts a watcher in the agent's process group and then {@code exec}s the
 * agent (keeping its pid, which is the group id). The watcher polls the parent's pid every
 * {@value #WATCH_INTERVAL_SECONDS} s; when the parent is gone it kills every process that carries the agent's
 * marker variable ({@link ProcessTransport#MARKER_VARIABLE}), then the whole group. The marker matters: Claude
 * Code runs each Bash tool call in a session of its own, so tool processes (and whatever they daemonized with
 * {@code setsid}) are not in the agent's group (they were found surviving a {@code kill -9} of the daemon).
 * When the agent ends first, the watcher ends too. Its standard streams are {@code /dev/null}, so the agent's
 * pipes close when the agent exits.
 *
 * <p>It wraps the session's own sandbox from the outside, so the watcher runs outside {@code bwrap}.
 */
public final class ParentWatch implements Sandbox {
  /** How often the watcher checks that the parent lives. */
  static final int WATCH_INTERVAL_SECONDS = 1;
  /** The argv[0] of the wrapper shell, so that {@code ps} shows what it is. */
  static final String PROCESS_NAME = "hotplex-parent-watch";

  private static final String MARK = ProcessTransport.MARKER_VARIABLE;
  // The watcher skips itself (its pid read from /proc/self/stat by the read builtin) until the group kill.
  private static final String SCRIPT = "parent=$1; shift\n"
      + "( while kill -0 \"$parent\" 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep " + WATCH_INTERVAL_SECONDS
      + "; done\n"
      + "  kill -0 \"$parent\" 2>/dev/null && exit 0\n"
      + "  read -r self rest < /proc/self/stat\n"
      + "  if [ -n \"$" + MARK + "\" ]; then\n"
      + "    for environ in $(grep -lzxF \"" + MARK + "=$" + MARK + "\" /proc/[0-9]*/environ 2>/dev/null); do\n"
      + "      pid=${environ#/proc/}; pid=${pid%/environ}\n"
      + "      [ \"$pid\" = \"$self\" ] || kill -KILL \"$pid\" 2>/dev/null\n"
      + "    done\n"
      + "  fi\n"
      + "  kill -KILL -$$ ) </dev/null >/dev/null 2>&1 &\n"
      + "exec \"$@\"\n";

  private final Sandbox inner;
  private final long parentPid;

  private ParentWatch(Sandbox inner, long parentPid) {
    this.inner = inner;
    this.parentPid = parentPid;
  }

  /** {@code inner}, with every agent it starts dying with this JVM. */
  public static Sandbox aroundThisProcess(Sandbox inner) {
    return new ParentWatch(inner, ProcessHandle.current().pid());
  }

  @Override
  public List<String> wrap(List<String> command, Path workDir, List<Path> writablePaths) {
    List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, PROCESS_NAME, Long.toString(parentPid)));
    wrapped.addAll(inner.wrap(command, workDir, writablePaths));
    return List.copyOf(wrapped);
  }

  @Override
  public String describe() {
    return inner.describe() + " (dies with hotplex pid " + parentPid + ")";
  }
}
