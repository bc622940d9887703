package dev.hotplex.jenkins;

import dev.hotplex.client.ci.CiConsole;
import dev.hotplex.client.ci.DaemonLaunch;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.FilePathUtils;

/**
 * Stops every hotplex daemon a build started, on every node, when the build ends (success, failure, abort) or is
 * deleted: each daemon closes its sessions, which ends every agent's whole process group, and exits. A node that
 * is offline then is left to the daemon's own idle exit ({@link DaemonLaunch#IDLE_EXIT}); its agents already end
 * with the daemon.
 */
@Extension
public final class HotplexRunListener extends RunListener<Run<?, ?>> {
  private static final Logger LOGGER = Logger.getLogger(HotplexRunListener.class.getName());

  @Override
  public void onCompleted(Run<?, ?> run, TaskListener listener) {
    stopDaemons(run, listener);
  }

  @Override
  public void onDeleted(Run<?, ?> run) {
    stopDaemons(run, TaskListener.NULL);
  }

  static void stopDaemons(Run<?, ?> run, TaskListener listener) {
    HotplexRunAction action = run.getAction(HotplexRunAction.class);
    if (action == null) {
      return;
    }
    for (HotplexRunAction.Daemon daemon : action.daemons()) {
      String where = daemon.node.isEmpty() ? "the built-in node" : "node '" + daemon.node + "'";
      FilePath stateDir = FilePathUtils.find(daemon.node, daemon.stateDir);
      if (stateDir == null) {
        listener.getLogger().print(CiConsole.PREFIX + where + " is offline: its hotplex daemon exits by itself after "
            + DaemonLaunch.IDLE_EXIT.toMinutes() + " min without sessions\n");
        continue;
      }
      try {
        if (AgentDaemon.shutdown(stateDir)) {
          listener.getLogger().print(CiConsole.PREFIX + "stopped the hotplex daemon on " + where
              + ": its sessions are closed and no agent is left running\n");
        }
      } catch (IOException | RuntimeException e) {
        LOGGER.log(Level.FINE, "could not stop the hotplex daemon in " + daemon.stateDir + " on " + where, e);
        listener.getLogger().print(CiConsole.PREFIX + "could not stop the hotplex daemon on " + where + " (" + e
            + "); it exits by itself after " + DaemonLaunch.IDLE_EXIT.toMinutes() + " min without sessions\n");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
