package dev.hotplex.jenkins;

import dev.hotplex.client.HotplexClient;
import dev.hotplex.client.ci.AgentJar;
import dev.hotplex.client.ci.CiConsole;
import dev.hotplex.client.ci.CiNames;
import dev.hotplex.client.ci.CiStepException;
import dev.hotplex.client.ci.CiTurns;
import dev.hotplex.client.ci.DaemonLaunch;
import dev.hotplex.client.ci.StepOptions;
import dev.hotplex.client.ci.TurnLogTail;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.slaves.WorkspaceList;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jenkins.MasterToSlaveFileCallable;

/**
 * A build's hotplex daemon on one node, seen from the controller: found again, or started through the step's
 * {@link Launcher} (so it runs where the step's commands run, inside a Kubernetes {@code container()} too), and the
 * few calls a step makes to it. The work happens on the agent in small callables that delegate to hotplex-client's
 * {@code ci} package; they reach the daemon over 127.0.0.1 and read its files, which the pod's containers share.
 * Every remote call is bounded by {@link #REMOTE_TIMEOUT_SECONDS}.
 */
final class AgentDaemon {
  /** Seconds a call to the agent may take (default 20; system property {@code dev.hotplex.jenkins.AgentDaemon.REMOTE_TIMEOUT}). */
  static final long REMOTE_TIMEOUT_SECONDS = Long.getLong(AgentDaemon.class.getName() + ".REMOTE_TIMEOUT", 20);
  /** The shaded hotplex command, packaged next to this class. */
  private static final String JAR_RESOURCE = AgentJar.FILE_NAME;
  private static volatile String bundledSha256;

  private AgentDaemon() {}

  /**
   * The state folder of the daemon serving this build on the workspace's node for {@code daemonKey}; starts the
   * daemon (copying the jar first when needed) when none answers there.
   *
   * @param secretEnvironment the provider key variable and value, or empty; only ever in the daemon's environment
   */
  static FilePath ensure(Run<?, ?> run, FilePath workspace, Launcher launcher, EnvVars environment,
      TaskListener listener, CiConsole console, String daemonKey, Map<String, String> secretEnvironment)
      throws IOException, InterruptedException {
    HotplexRunAction action = HotplexRunAction.of(run);
    synchronized (action.lock(daemonKey)) {
      String known = action.daemonFolder(daemonKey);
      if (known != null) {
        FilePath stateDir = new FilePath(workspace.getChannel(), known);
        if (call(stateDir, new Ping())) {
          return stateDir;
        }
        listener.getLogger().print(console.line("the hotplex daemon of this build on this node is gone; starting a"
            + " new one (earlier sessions start over)"));
      }
      FilePath home = WorkspaceList.tempDir(workspace).child("hotplex");
      FilePath jar = installJar(home, listener, console);
      FilePath stateDir = home.child(CiNames.daemonFolder(run.getParent().getFullName(), run.getNumber(),
          daemonKey));
      start(launcher, environment, secretEnvironment, stateDir, jar, listener, console);
      action.recordDaemon(daemonKey, workspace, stateDir.getRemote());
      run.save();
      return stateDir;
    }
  }

  /** Copies the plugin's hotplex jar to {@code home} unless a copy with the same SHA-256 is there. */
  private static FilePath installJar(FilePath home, TaskListener listener, CiConsole console)
      throws IOException, InterruptedException {
    String sha256 = bundledSha256();
    FilePath jar = home.child(AgentJar.FILE_NAME);
    if (call(jar, new JarInstalled(sha256))) {
      return jar;
    }
    home.mkdirs();
    FilePath copy = home.createTempFile("hotplex", ".jar.tmp");
    try (InputStream in = bundledJar()) {
      copy.copyFrom(in);
    }
    call(copy, new PromoteJar(jar.getRemote(), sha256));
    listener.getLogger().print(console.line("copied hotplex.jar (sha256 " + sha256.substring(0, 12) + "…) to "
        + home.getRemote()));
    return jar;
  }

  private static InputStream bundledJar() throws AbortException {
    InputStream in = AgentDaemon.class.getResourceAsStream(JAR_RESOURCE);
    if (in == null) {
      throw new AbortException("hotplexAgent: this plugin was built without its hotplex.jar; rebuild it with"
          + " ./mvnw -Pjenkins -pl hotplex-jenkins -am package (see docs/jenkins.md).");
    }
    return in;
  }

  private static String bundledSha256() throws IOException {
    String sha = bundledSha256;
    if (sha == null) {
      try (InputStream in = bundledJar()) {
        sha = AgentJar.sha256(in);
      }
      bundledSha256 = sha;
    }
    return sha;
  }

  /** Runs the launch script through the step's launcher and waits until the daemon is up or failed. */
  private static void start(Launcher launcher, EnvVars environment, Map<String, String> secretEnvironment,
      FilePath stateDir, FilePath jar, TaskListener listener, CiConsole console)
      throws IOException, InterruptedException {
    String agentJava = call(jar.getParent(), new AgentJava());
    EnvVars daemonEnvironment = new EnvVars(environment);
    // Without the node block's cookie Jenkins does not kill the daemon when that block ends: it serves later
    // stages too, and the build's end stops it (HotplexRunListener).
    daemonEnvironment.remove("JENKINS_NODE_COOKIE");
    daemonEnvironment.putAll(secretEnvironment);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    List<String> command = DaemonLaunch.command(agentJava, Path.of(stateDir.getRemote()),
        List.of("-jar", jar.getRemote()));
    int status = launcher.launch().cmds(command).envs(daemonEnvironment).stdout(output).stderr(output).quiet(true)
        .pwd(jar.getParent()).start()
        .joinWithTimeout(DaemonLaunch.START_TIMEOUT.toSeconds() + REMOTE_TIMEOUT_SECONDS, TimeUnit.SECONDS,
            listener);
    String said = output.toString(StandardCharsets.UTF_8).strip();
    if (status != 0) {
      throw new CiStepException("The hotplex daemon did not start in " + stateDir.getRemote() + " (status " + status
          + "). It needs Java 17 or newer, and the agent CLI, where this step runs.\n" + said);
    }
    listener.getLogger().print(console.line(said));
  }

  static CiTurns.Started startTurn(FilePath stateDir, StepOptions options, FilePath workspace, String scope)
      throws IOException, InterruptedException {
    return call(stateDir, new StartTurn(options, workspace.getRemote(), scope));
  }

  static TurnLogTail.Chunk read(FilePath log, long offset) throws IOException, InterruptedException {
    return call(log, new ReadLog(offset));
  }

  /** True when the daemon in {@code stateDir} answers. */
  static boolean alive(FilePath stateDir) throws IOException, InterruptedException {
    return call(stateDir, new Ping());
  }

  /** The session's agent process id now, or -1. */
  static long agentPid(FilePath stateDir, String sessionId) throws IOException, InterruptedException {
    return call(stateDir, new AgentPid(sessionId));
  }

  /**
   * Stops the step's turn (see {@link CiTurns#stop}): waits at most {@code wait} for it to end, then closes the
   * session unless another call uses it.
   *
   * @return true when the session was closed
   */
  static boolean stopTurn(FilePath stateDir, CiTurns.Started started, Duration wait)
      throws IOException, InterruptedException {
    return call(stateDir, new StopTurn(started, wait), wait.toSeconds() + REMOTE_TIMEOUT_SECONDS);
  }

  /** Asks the daemon to close every session and exit; true once it has, false when none answered there. */
  static boolean shutdown(FilePath stateDir) throws IOException, InterruptedException {
    return call(stateDir, new StopDaemon());
  }

  /**
   * Kills the daemon process through the step's launcher (so inside the container it runs in); its parent watch
   * then ends every agent within a second. For a daemon that no longer answers.
   */
  static void killDaemon(FilePath stateDir, Launcher launcher, TaskListener listener)
      throws IOException, InterruptedException {
    long pid = call(stateDir, new DaemonPid());
    if (pid > 0) {
      launcher.launch().cmds("kill", "-KILL", Long.toString(pid)).quiet(true).stdout(listener).start()
          .joinWithTimeout(REMOTE_TIMEOUT_SECONDS, TimeUnit.SECONDS, listener);
    }
  }

  /** Copies the session's audit log into the build's folder; false when there is none. */
  static boolean copyAudit(FilePath stateDir, String sessionId, File target) throws IOException, InterruptedException {
    FilePath audit = stateDir.child("sessions").child(sessionId).child("audit.jsonl");
    if (!audit.exists()) {
      return false;
    }
    Files.createDirectories(target.toPath().getParent());
    audit.copyTo(new FilePath(target));
    return true;
  }

  /** {@code where.act(callable)}, bounded; the agent's exception comes back as thrown there. */
  private static <T> T call(FilePath where, MasterToSlaveFileCallable<T> callable)
      throws IOException, InterruptedException {
    return call(where, callable, REMOTE_TIMEOUT_SECONDS);
  }

  private static <T> T call(FilePath where, MasterToSlaveFileCallable<T> callable, long timeoutSeconds)
      throws IOException, InterruptedException {
    try {
      return where.actAsync(callable).get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("No answer from the agent within " + timeoutSeconds + " s (" + where.getRemote() + ")",
          e);
    }
  }

  private static final class JarInstalled extends MasterToSlaveFileCallable<Boolean> {
    private static final long serialVersionUID = 1L;
    private final String sha256;

    JarInstalled(String sha256) {
      this.sha256 = sha256;
    }

    @Override
    public Boolean invoke(File jar, VirtualChannel channel) throws IOException {
      return AgentJar.isInstalled(jar.toPath(), sha256);
    }
  }

  private static final class PromoteJar extends MasterToSlaveFileCallable<Void> {
    private static final long serialVersionUID = 1L;
    private final String target;
    private final String sha256;

    PromoteJar(String target, String sha256) {
      this.target = target;
      this.sha256 = sha256;
    }

    @Override
    public Void invoke(File copy, VirtualChannel channel) throws IOException {
      AgentJar.promote(copy.toPath(), Path.of(target), sha256);
      return null;
    }
  }

  private static final class AgentJava extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String invoke(File ignored, VirtualChannel channel) {
      return DaemonLaunch.currentJava();
    }
  }

  private static final class Ping extends MasterToSlaveFileCallable<Boolean> {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean invoke(File stateDir, VirtualChannel channel) {
      try {
        HotplexClient.attach(stateDir.toPath());
        return true;
      } catch (IOException gone) {
        return false;
      }
    }
  }

  private static final class StartTurn extends MasterToSlaveFileCallable<CiTurns.Started> {
    private static final long serialVersionUID = 1L;
    private final StepOptions options;
    private final String workspace;
    private final String scope;

    StartTurn(StepOptions options, String workspace, String scope) {
      this.options = options;
      this.workspace = workspace;
      this.scope = scope;
    }

    @Override
    public CiTurns.Started invoke(File stateDir, VirtualChannel channel) throws IOException, InterruptedException {
      HotplexClient client = DaemonLaunch.attach(stateDir.toPath());
      return CiTurns.start(client, stateDir.toPath(), options, Path.of(workspace), scope);
    }
  }

  private static final class ReadLog extends MasterToSlaveFileCallable<TurnLogTail.Chunk> {
    private static final long serialVersionUID = 1L;
    private final long offset;

    ReadLog(long offset) {
      this.offset = offset;
    }

    @Override
    public TurnLogTail.Chunk invoke(File log, VirtualChannel channel) throws IOException {
      return TurnLogTail.read(log.toPath(), offset, TurnLogTail.CHUNK_BYTES);
    }
  }

  private static final class AgentPid extends MasterToSlaveFileCallable<Long> {
    private static final long serialVersionUID = 1L;
    private final String sessionId;

    AgentPid(String sessionId) {
      this.sessionId = sessionId;
    }

    @Override
    public Long invoke(File stateDir, VirtualChannel channel) throws IOException {
      return CiTurns.agentPid(HotplexClient.attach(stateDir.toPath()), sessionId);
    }
  }

  private static final class StopTurn extends MasterToSlaveFileCallable<Boolean> {
    private static final long serialVersionUID = 1L;
    private final CiTurns.Started started;
    private final Duration wait;

    StopTurn(CiTurns.Started started, Duration wait) {
      this.started = started;
      this.wait = wait;
    }

    @Override
    public Boolean invoke(File stateDir, VirtualChannel channel) throws IOException, InterruptedException {
      return CiTurns.stop(HotplexClient.attach(stateDir.toPath()), started, wait);
    }
  }

  private static final class StopDaemon extends MasterToSlaveFileCallable<Boolean> {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean invoke(File stateDir, VirtualChannel channel) throws InterruptedException {
      return DaemonLaunch.stop(stateDir.toPath(), Duration.ofSeconds(REMOTE_TIMEOUT_SECONDS / 2));
    }
  }

  private static final class DaemonPid extends MasterToSlaveFileCallable<Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long invoke(File stateDir, VirtualChannel channel) throws IOException {
      return DaemonLaunch.daemonPid(stateDir.toPath());
    }
  }
}
