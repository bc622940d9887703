package dev.hotplex.jenkins;

import dev.hotplex.client.ci.StepOutcome;
import hudson.FilePath;
import hudson.model.DirectoryBrowserSupport;
import hudson.model.Run;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jenkins.model.RunAction2;
import org.jenkinsci.plugins.workflow.FilePathUtils;

/**
 * What a build did with hotplex, kept with the build: the daemons it started (node and state folder, so that the
 * build's end can stop every one, see {@link HotplexRunListener}) and each {@code hotplexAgent} call's outcome
 * (cost, tokens, turns, denied calls with rule and reason). The build page shows the calls; {@code audit/} serves
 * the sessions' audit logs, copied into the build's folder after each call.
 */
public final class HotplexRunAction implements RunAction2 {
  /** The build folder's sub-folder of audit logs, one per node and session. */
  static final String AUDIT_FOLDER = "hotplex-audit";

  /** A daemon this build started. */
  static final class Daemon {
    final String key;
    final String node;
    final String stateDir;

    Daemon(String key, String node, String stateDir) {
      this.key = key;
      this.node = node;
      this.stateDir = stateDir;
    }
  }

  /** One call of the step: where it ran and how it ended. */
  public static final class Call {
    private final int number;
    private final String node;
    private final StepOutcome outcome;

    Call(int number, String node, StepOutcome outcome) {
      this.number = number;
      this.node = node;
      this.outcome = outcome;
    }

    public int getNumber() { return number; }
    public String getNode() { return node.isEmpty() ? "built-in" : node; }
    public StepOutcome getOutcome() { return outcome; }
    public String getCost() { return String.format(Locale.ROOT, "$%.4f", outcome.costUsd()); }
    public String getDuration() { return String.format(Locale.ROOT, "%.1f s", outcome.durationMs() / 1000.0); }
    public List<StepOutcome.Denied> getDenied() { return outcome.denied(); }
  }

  private final List<Daemon> daemons = new ArrayList<>();
  private final List<Call> calls = new ArrayList<>();
  private transient Run<?, ?> run;
  private transient Map<String, Object> locks;

  /** The build's action, added on first use. */
  static HotplexRunAction of(Run<?, ?> run) {
    synchronized (run) {
      HotplexRunAction action = run.getAction(HotplexRunAction.class);
      if (action == null) {
        action = new HotplexRunAction();
        run.addAction(action);
      }
      return action;
    }
  }

  /** A lock per daemon key, so that parallel branches start one daemon, not two. */
  synchronized Object lock(String daemonKey) {
    if (locks == null) {
      locks = new ConcurrentHashMap<>();
    }
    return locks.computeIfAbsent(daemonKey, key -> new Object());
  }

  /** The state folder of the daemon started for this key, or null. */
  synchronized String daemonFolder(String daemonKey) {
    return daemons.stream().filter(d -> d.key.equals(daemonKey)).map(d -> d.stateDir).reduce((a, b) -> b)
        .orElse(null);
  }

  synchronized void recordDaemon(String daemonKey, FilePath workspace, String stateDir) {
    daemons.add(new Daemon(daemonKey, FilePathUtils.getNodeName(workspace), stateDir));
  }

  synchronized List<Daemon> daemons() {
    return List.copyOf(daemons);
  }

  synchronized void recordCall(String node, StepOutcome outcome) {
    calls.add(new Call(calls.size() + 1, node, outcome));
  }

  public synchronized List<Call> getCalls() {
    return List.copyOf(calls);
  }

  public synchronized String getTotalCost() {
    return String.format(Locale.ROOT, "$%.4f", calls.stream().mapToDouble(c -> c.outcome.costUsd()).sum());
  }

  public synchronized int getTotalDenied() {
    return calls.stream().mapToInt(c -> c.outcome.denied().size()).sum();
  }

  /** Where a session's audit log is copied in the build's folder. */
  File auditFile(String node, String sessionId) {
    return new File(new File(run.getRootDir(), AUDIT_FOLDER), (node.isEmpty() ? "built-in" : node) + "-" + sessionId
        + ".jsonl");
  }

  public boolean isHasAudit() {
    File[] files = new File(run.getRootDir(), AUDIT_FOLDER).listFiles();
    return files != null && files.length > 0;
  }

  /** Serves the audit logs ({@code .../hotplex/audit/}). */
  public DirectoryBrowserSupport doAudit() {
    return new DirectoryBrowserSupport(this, new FilePath(new File(run.getRootDir(), AUDIT_FOLDER)),
        "hotplex audit logs", "symbol-document-text", true);
  }

  public Run<?, ?> getRun() {
    return run;
  }

  @Override
  public String getIconFileName() {
    return "symbol-terminal";
  }

  @Override
  public String getDisplayName() {
    return "hotplex agent calls";
  }

  @Override
  public String getUrlName() {
    return "hotplex";
  }

  @Override
  public void onAttached(Run<?, ?> r) {
    run = r;
  }

  @Override
  public void onLoad(Run<?, ?> r) {
    run = r;
  }
}
