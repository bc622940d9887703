package dev.hotplex.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import dev.hotplex.client.HotplexClientException;
import dev.hotplex.client.ci.CiConsole;
import dev.hotplex.client.ci.CiNames;
import dev.hotplex.client.ci.CiStepException;
import dev.hotplex.client.ci.CiTurns;
import dev.hotplex.client.ci.StepOptions;
import dev.hotplex.client.ci.StepOutcome;
import dev.hotplex.client.ci.TurnLogTail;
import dev.hotplex.event.TurnResult;
import dev.hotplex.provider.ProviderRegistry;
import dev.hotplex.secrets.SecretMasker;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.init.Terminator;
import hudson.security.ACL;
import hudson.util.DaemonThreadFactory;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.NamingThreadFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.FilePathUtils;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code hotplexAgent}: one prompt to an AI coding agent in a warm, policed hotplex session on the build agent.
 *
 * <pre>{@code
 * def review = hotplexAgent(prompt: 'Review the changes against origin/main and list concrete problems.',
 *                           allowedTools: ['Read', 'Grep', 'Glob', 'Bash(git diff:*)'], workDir: '.')
 * hotplexAgent(prompt: 'Fix the problems you listed. Keep the change minimal.', allowedTools: ['Read', 'Edit', 'Bash'])
 * }</pre>
 *
 * <p>The step holds only its parameters; {@link Execution} runs it. The first call of a build on a node starts
 * that node's hotplex daemon (in the workspace's {@code @tmp} folder) and the session; later calls with the same
 * session name, in any stage, send their prompt to the same agent process and conversation. Every parameter but
 * {@code prompt} is optional; {@link StepOptions} documents the defaults and checks the values.
 */
public final class HotplexAgentStep extends Step {
  private static ScheduledThreadPoolExecutor pool;

  private final String prompt;
  private List<String> allowedTools = List.of();
  private List<String> disallowedTools = List.of();
  private String workDir;
  private String provider;
  private String session;
  private String model;
  private String credentialsId;
  private String policy;
  private int timeout;
  private int maxTurns;
  private boolean returnDetails;
  private boolean failOnDenied;

  @DataBoundConstructor
  public HotplexAgentStep(String prompt) {
    this.prompt = prompt;
  }

  public String getPrompt() { return prompt; }
  public List<String> getAllowedTools() { return allowedTools; }
  public List<String> getDisallowedTools() { return disallowedTools; }
  public String getWorkDir() { return workDir; }
  public String getProvider() { return provider; }
  public String getSession() { return session; }
  public String getModel() { return model; }
  public String getCredentialsId() { return credentialsId; }
  public String getPolicy() { return policy; }
  public int getTimeout() { return timeout; }
  public int getMaxTurns() { return maxTurns; }
  public boolean isReturnDetails() { return returnDetails; }
  public boolean isFailOnDenied() { return failOnDenied; }

  /** Tool patterns that are allowed (Claude Code syntax); default none: every tool call is denied. */
  @DataBoundSetter public void setAllowedTools(List<String> value) { allowedTools = value == null ? List.of() : List.copyOf(value); }
  /** Tool patterns that are always denied, even when allowed; default none. */
  @DataBoundSetter public void setDisallowedTools(List<String> value) { disallowedTools = value == null ? List.of() : List.copyOf(value); }
  /** The agent's folder relative to the workspace, the root of its jail; default the workspace. */
  @DataBoundSetter public void setWorkDir(String value) { workDir = Util.fixEmptyAndTrim(value); }
  /** The agent CLI: {@code claude} (default), {@code codex}, {@code opencode} or {@code gemini}. */
  @DataBoundSetter public void setProvider(String value) { provider = Util.fixEmptyAndTrim(value); }
  /** The session name; default one session per build and node. */
  @DataBoundSetter public void setSession(String value) { session = Util.fixEmptyAndTrim(value); }
  /** The model; default the agent's. */
  @DataBoundSetter public void setModel(String value) { model = Util.fixEmptyAndTrim(value); }
  /** A Secret text credential handed to the agent as its provider key and masked in the log; default none. */
  @DataBoundSetter public void setCredentialsId(String value) { credentialsId = Util.fixEmptyAndTrim(value); }
  /** A policy file in the workspace applied on top of the shipped policy; default none. */
  @DataBoundSetter public void setPolicy(String value) { policy = Util.fixEmptyAndTrim(value); }
  /** Minutes a turn may take; default 30 (0). */
  @DataBoundSetter public void setTimeout(int value) { timeout = value; }
  /** Model round trips per turn at most; default no limit (0). */
  @DataBoundSetter public void setMaxTurns(int value) { maxTurns = value; }
  /** Return a map with text, cost, tokens and denied calls instead of the final text; default false. */
  @DataBoundSetter public void setReturnDetails(boolean value) { returnDetails = value; }
  /** Fail the step when any tool call was denied; default false. */
  @DataBoundSetter public void setFailOnDenied(boolean value) { failOnDenied = value; }

  /** The tool patterns one per line, for the form. */
  public String getAllowedToolsText() { return String.join("\n", allowedTools); }
  public String getDisallowedToolsText() { return String.join("\n", disallowedTools); }

  /**
   * The checked options.
   *
   * @throws AbortException listing every problem, before anything starts
   */
  StepOptions options() throws AbortException {
    try {
      return StepOptions.builder(prompt).allowedTools(allowedTools).disallowedTools(disallowedTools)
          .workDir(workDir).provider(provider).session(session).model(model).policy(policy)
          .timeoutMinutes(timeout).maxTurns(maxTurns).returnDetails(returnDetails).failOnDenied(failOnDenied)
          .build();
    } catch (IllegalArgumentException invalid) {
      throw new AbortException("hotplexAgent: " + invalid.getMessage());
    }
  }

  @Override
  public StepExecution start(StepContext context) throws Exception {
    return new Execution(context, options(), credentialsId);
  }

  /** The step's name, form checks and Snippet Generator support. */
  @Extension
  @Symbol("hotplexAgent")
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public String getFunctionName() {
      return "hotplexAgent";
    }

    @Override
    public String getDisplayName() {
      return "Run an AI coding agent in a warm, policed hotplex session";
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(FilePath.class, Launcher.class, TaskListener.class, Run.class, EnvVars.class, Node.class);
    }

    /** The form's tool fields are one pattern per line; the step takes lists. */
    @Override
    public Step newInstance(StaplerRequest2 request, JSONObject form) throws FormException {
      for (String field : List.of("allowedTools", "disallowedTools")) {
        if (form.has(field) && !(form.get(field) instanceof JSONArray)) {
          form.put(field, JSONArray.fromObject(lines(form.getString(field))));
        }
      }
      return super.newInstance(request, form);
    }

    static List<String> lines(String text) {
      return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
          .filter(line -> !line.isEmpty()).toList();
    }

    private static FormValidation check(Optional<String> problem) {
      return problem.map(FormValidation::error).orElse(FormValidation.ok());
    }

    public FormValidation doCheckPrompt(@QueryParameter String value) {
      return check(StepOptions.checkPrompt(value));
    }

    public FormValidation doCheckAllowedTools(@QueryParameter String value) {
      return check(StepOptions.checkToolPatterns(lines(value)));
    }

    public FormValidation doCheckDisallowedTools(@QueryParameter String value) {
      return check(StepOptions.checkToolPatterns(lines(value)));
    }

    public FormValidation doCheckWorkDir(@QueryParameter String value) {
      return check(StepOptions.checkWorkDir(value));
    }

    public FormValidation doCheckPolicy(@QueryParameter String value) {
      return check(StepOptions.checkPolicy(value));
    }

    public FormValidation doCheckProvider(@QueryParameter String value) {
      return check(StepOptions.checkProvider(value));
    }

    public FormValidation doCheckSession(@QueryParameter String value) {
      return check(CiNames.checkSessionName(value));
    }

    public FormValidation doCheckTimeout(@QueryParameter String value) {
      return checkNumber(value, StepOptions::checkTimeout);
    }

    public FormValidation doCheckMaxTurns(@QueryParameter String value) {
      return checkNumber(value, StepOptions::checkMaxTurns);
    }

    private static FormValidation checkNumber(String value, java.util.function.IntFunction<Optional<String>> rule) {
      if (Util.fixEmptyAndTrim(value) == null) {
        return FormValidation.ok();
      }
      try {
        return check(rule.apply(Integer.parseInt(value.strip())));
      } catch (NumberFormatException e) {
        return FormValidation.error("A whole number, not '" + value.strip() + "'.");
      }
    }

    /** The Secret text credentials the job can use, for the credentials drop-down. */
    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
      StandardListBoxModel result = new StandardListBoxModel();
      boolean allowed = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
          : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(Item.CONFIGURE);
      if (!allowed) {
        return result.includeCurrentValue(credentialsId);
      }
      result.includeEmptyValue();
      if (item == null) {
        result.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.of(),
            CredentialsMatchers.always());
      } else {
        result.includeMatchingAs(ACL.SYSTEM2, item, StringCredentials.class, List.of(), CredentialsMatchers.always());
      }
      return result.includeCurrentValue(credentialsId);
    }
  }

  /**
   * One call: starts the turn in the build agent's daemon, then follows the turn's event log there the way
   * DurableTaskStep follows a shell step's output. The agent does the work and keeps the state (the daemon and
   * its per-turn logs in the workspace's {@code @tmp} folder); the controller only starts the turn, reads new lines
   * from a saved byte offset and renders them. So a controller restart loses nothing: {@link #onResume()}
   * re-attaches at the saved offset and never sends the prompt again.
   *
   * <p>Saved: the options, the credential id, the node, the started turn and the offset. Live only: the masker,
   * the renderer and the polling state.
   */
  static final class Execution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(Execution.class.getName());
    private static final String PROPERTY = HotplexAgentStep.class.getName();
    /** First and shortest wait between two reads of the turn log, and the wait after new events (ms). */
    static final long MIN_POLL_MILLIS = Long.getLong(PROPERTY + ".MIN_POLL_MILLIS", 250);
    /** Longest wait between two reads while the agent is quiet (ms); then the daemon is also asked if it lives. */
    static final long MAX_POLL_MILLIS = Long.getLong(PROPERTY + ".MAX_POLL_MILLIS", 3_000);
    /** Each read without news waits this much longer than the one before. */
    static final double POLL_BACKOFF = 1.2;
    /**
     * How long a stopped turn may take to end (ms) before its session is closed anyway; the daemon itself kills the
     * agent's process group 10 s after the interrupt when the agent has not stopped.
     */
    static final long STOP_GRACE_MILLIS = Long.getLong(PROPERTY + ".STOP_GRACE_MILLIS", 15_000);
    /** Quiet checks in a row that find no daemon before the step fails. */
    static final int MISSED_DAEMON_CHECKS = 3;

    private final StepOptions options;
    /** The Secret text credential's id, looked up again after a restart (its value is never saved). */
    private final String credentialsId;
    /** {@code Node.getNodeName()} of the workspace: "" for the built-in node. */
    private String node;
    /** The turn being followed, once started; null while the session starts. */
    private CiTurns.Started started;
    /** Bytes of the turn log already shown. */
    private long offset;

    private transient volatile Throwable stopCause;
    private transient AtomicBoolean ended;
    private transient long pollMillis;
    private transient int missedDaemonChecks;
    private transient boolean reportedOffline;
    private transient SecretMasker masker;
    private transient CiConsole console;

    Execution(StepContext context, StepOptions options, String credentialsId) {
      super(context);
      this.options = options;
      this.credentialsId = credentialsId;
    }

    @Override
    public boolean start() throws Exception {
      FilePath workspace = getContext().get(FilePath.class);
      node = FilePathUtils.getNodeName(workspace);
      pool().execute(() -> launch(workspace));
      return false;
    }

    /** Starts (or finds) the daemon and the session, starts the turn, then follows it. Off the CPS thread. */
    private void launch(FilePath workspace) {
      try {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        Launcher launcher = context.get(Launcher.class);
        TaskListener listener = context.get(TaskListener.class);
        if (!launcher.isUnix()) {
          throw new AbortException("hotplexAgent needs a Linux or other Unix build agent (the agent's process"
              + " group is what hotplex ends); this one is not.");
        }
        String secret = secretValue(run);
        masker = secret == null ? SecretMasker.none() : SecretMasker.of(secret);
        console = new CiConsole(masker, 1);
        String keyVariable = ProviderRegistry.load().get(options.provider()).apiKeyVariable();
        Map<String, String> secretEnvironment = secret == null ? Map.of() : Map.of(keyVariable, secret);
        String daemonKey = node + "|" + (credentialsId == null ? "" : credentialsId + ">" + keyVariable);
        FilePath stateDir = AgentDaemon.ensure(run, workspace, launcher, context.get(EnvVars.class), listener,
            console, daemonKey, secretEnvironment);
        started = AgentDaemon.startTurn(stateDir, options, workspace,
            CiNames.runScope("jenkins", run.getParent().getFullName(), run.getNumber()));
        context.saveState();
        console = new CiConsole(masker, started.turn());
        print(console.started(started, node));
        if (stopCause != null) {
          abort(stopCause); // stop() came while the session started
          return;
        }
        schedule(MIN_POLL_MILLIS);
      } catch (Throwable failure) {
        fail(failure);
      }
    }

    /** The credential's secret, or null without a credential. */
    private String secretValue(Run<?, ?> run) throws AbortException {
      if (credentialsId == null) {
        return null;
      }
      StringCredentials credential = CredentialsProvider.findCredentialById(credentialsId, StringCredentials.class,
          run);
      if (credential == null) {
        throw new AbortException("hotplexAgent: no Secret text credential with ID '" + credentialsId + "' is"
            + " available to this build. Add one under Manage Jenkins > Credentials, or fix credentialsId.");
      }
      CredentialsProvider.track(run, credential);
      return credential.getSecret().getPlainText();
    }

    private void schedule(long delayMillis) {
      pollMillis = delayMillis;
      pool().schedule(this::poll, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Reads the turn log's new lines, prints them, and ends the step at the result. */
    private void poll() {
      if (ended().get()) {
        return;
      }
      try {
        FilePath log = FilePathUtils.find(node, started.logFile().toString());
        if (log == null) {
          waitForNode();
          return;
        }
        reportedOffline = false;
        TurnLogTail.Chunk chunk = AgentDaemon.read(log, offset);
        TurnResult result = null;
        for (TurnLogTail.Entry entry : TurnLogTail.parse(chunk.lines())) {
          print(console.render(entry.event()));
          if (entry.event() instanceof TurnResult turnResult) {
            result = turnResult;
          }
        }
        boolean progressed = chunk.nextOffset() > offset;
        offset = chunk.nextOffset();
        if (result != null) {
          finish(result);
          return;
        }
        if (progressed) {
          getContext().saveState();
          missedDaemonChecks = 0;
          schedule(MIN_POLL_MILLIS);
        } else {
          checkDaemonWhenQuiet(new FilePath(log.getChannel(), started.stateDir()));
        }
      } catch (CiStepException | IllegalArgumentException broken) {
        fail(broken);
      } catch (IOException | InterruptedException unreachable) {
        LOGGER.log(Level.FINE, "cannot read the turn log on " + node, unreachable);
        waitForNode();
      } catch (RuntimeException bug) {
        fail(bug);
      }
    }

    /** While the agent is quiet at the longest wait, asks the daemon whether it still lives. */
    private void checkDaemonWhenQuiet(FilePath stateDir) throws IOException, InterruptedException {
      long next = Math.min((long) (pollMillis * POLL_BACKOFF), MAX_POLL_MILLIS);
      if (pollMillis >= MAX_POLL_MILLIS && !AgentDaemon.alive(stateDir)
          && ++missedDaemonChecks >= MISSED_DAEMON_CHECKS) {
        fail(new AbortException("hotplexAgent: the hotplex daemon in " + stateDir.getRemote() + " stopped before"
            + " turn " + started.turn() + " of session '" + started.sessionName() + "' ended (was the agent machine"
            + " restarted, or the process killed?). See " + stateDir.getRemote() + "/daemon.log."));
        return;
      }
      schedule(next);
    }

    private void waitForNode() {
      if (!reportedOffline) {
        print(console.line("cannot reach " + where() + " to read the turn's events; waiting for it to come back"));
        reportedOffline = true;
      }
      schedule(Math.min((long) (Math.max(pollMillis, MIN_POLL_MILLIS) * POLL_BACKOFF), MAX_POLL_MILLIS));
    }

    /**
     * The turn ended: record it, then end the step with its value or its failure. A stopped step is ended by
     * {@link #abort} instead, once the agent's process group is gone.
     */
    private void finish(TurnResult result) throws IOException, InterruptedException {
      print(console.finish());
      Run<?, ?> run = getContext().get(Run.class);
      HotplexRunAction action = HotplexRunAction.of(run);
      StepOutcome outcome = StepOutcome.of(result, started, agentPidAndAudit(action), masker);
      action.recordCall(node, outcome);
      try {
        run.save();
      } catch (IOException e) {
        LOGGER.log(Level.WARNING, "could not save the hotplex record of " + run, e);
      }
      print(console.line(outcome.summary()));
      if (stopCause != null || !ended().compareAndSet(false, true)) {
        return;
      }
      Optional<String> failure = outcome.failure(options.failOnDenied());
      if (failure.isPresent()) {
        getContext().onFailure(new AbortException("hotplexAgent: " + failure.get()));
      } else {
        getContext().onSuccess(outcome.returnValue(options.returnDetails()));
      }
    }

    /**
     * The session's agent pid, after copying its audit log into the build; best effort (-1, no copy) when the
     * agent cannot be reached, since the turn's result is already in hand.
     */
    private long agentPidAndAudit(HotplexRunAction action) throws InterruptedException {
      FilePath stateDir = FilePathUtils.find(node, started.stateDir());
      if (stateDir == null) {
        return -1;
      }
      try {
        AgentDaemon.copyAudit(stateDir, started.sessionId(), action.auditFile(node, started.sessionId()));
        return AgentDaemon.agentPid(stateDir, started.sessionId());
      } catch (IOException e) {
        LOGGER.log(Level.FINE, "cannot ask the daemon on " + node + " about " + started, e);
        return -1;
      }
    }

    private void fail(Throwable failure) {
      if (!ended().compareAndSet(false, true)) {
        return;
      }
      SecretMasker secrets = masker == null ? SecretMasker.none() : masker;
      if (failure instanceof CiStepException || failure instanceof HotplexClientException
          || failure instanceof IllegalArgumentException) {
        String message = failure.getMessage();
        getContext().onFailure(new AbortException("hotplexAgent: " + secrets.mask(message)));
      } else {
        getContext().onFailure(secrets.maskThrowable(failure));
      }
    }

    /**
     * Cancels the turn through the daemon (interrupt, then its process group is killed), gives it
     * {@link #STOP_GRACE_MILLIS} to end, then closes the session, which ends the agent's whole process group,
     * unless a parallel call of the build is using the session. A daemon that does not answer is killed through
     * the launcher (its parent watch ends the agents). The step then ends with the usual interruption.
     */
    @Override
    public void stop(Throwable cause) {
      if (ended().get()) {
        return; // the turn already ended the step
      }
      stopCause = cause;
      if (started == null) {
        // Still starting: end now; launch() stops the turn if it gets that far.
        if (ended().compareAndSet(false, true)) {
          getContext().onFailure(cause);
        }
        return;
      }
      pool().execute(() -> abort(cause));
    }

    private void abort(Throwable cause) {
      try {
        print(console.line("stopping: cancelling turn " + started.turn() + " of session '"
            + started.sessionName() + "'"));
        FilePath stateDir = FilePathUtils.find(node, started.stateDir());
        if (stateDir == null) {
          print(console.line("cannot reach " + where() + "; the daemon ends the agent when the build ends or"
              + " after its idle time"));
        } else {
          endAgent(stateDir);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        if (ended().compareAndSet(false, true)) {
          getContext().onFailure(cause);
        }
      }
    }

    private void endAgent(FilePath stateDir) throws InterruptedException {
      try {
        boolean closed = AgentDaemon.stopTurn(stateDir, started, Duration.ofMillis(STOP_GRACE_MILLIS));
        print(console.line(closed ? "ended the agent's process group (session '" + started.sessionName() + "' closed)"
            : "turn cancelled; session '" + started.sessionName() + "' stays open for another call of this build"));
      } catch (IOException unanswered) {
        print(console.line("the daemon does not answer (" + unanswered.getMessage() + "); killing it"));
        try {
          AgentDaemon.killDaemon(stateDir, getContext().get(Launcher.class), getContext().get(TaskListener.class));
        } catch (IOException e) {
          print(console.line("could not kill the daemon: " + e.getMessage()));
        }
      }
    }

    @Override
    public void onResume() {
      if (started == null) {
        fail(new CiStepException("Jenkins restarted while this call was starting its session, before its turn"
            + " could be followed. Nothing is run twice: run the build again."));
        return;
      }
      pool().execute(() -> {
        try {
          String secret = secretValue(getContext().get(Run.class));
          masker = secret == null ? SecretMasker.none() : SecretMasker.of(secret);
          console = new CiConsole(masker, started.turn());
          print(console.line("Jenkins restarted: re-attaching to turn " + started.turn() + " of session '"
              + started.sessionName() + "' on " + where() + " after byte " + offset + " of its event log"));
          schedule(MIN_POLL_MILLIS);
        } catch (Throwable failure) {
          fail(failure);
        }
      });
    }

    @Override
    public String getStatus() {
      if (started == null) {
        return "starting the hotplex session on " + where();
      }
      return "following " + started + " on " + where() + " at byte " + offset + "; next read in " + pollMillis
          + " ms" + (stopCause != null ? "; stopping" : "");
    }

    private String where() {
      return node == null || node.isEmpty() ? "the built-in node" : "node '" + node + "'";
    }

    private AtomicBoolean ended() {
      synchronized (this) {
        if (ended == null) {
          ended = new AtomicBoolean();
        }
        return ended;
      }
    }

    private void print(String text) {
      if (text.isEmpty()) {
        return;
      }
      try {
        TaskListener listener = getContext().get(TaskListener.class);
        listener.getLogger().print(text);
        listener.getLogger().flush();
      } catch (IOException | InterruptedException e) {
        LOGGER.log(Level.FINE, "cannot write to the build log", e);
      }
    }
  }

  /** The threads that start turns and read turn logs, off the Pipeline's own thread; remote calls are bounded. */
  private static synchronized ScheduledThreadPoolExecutor pool() {
    if (pool == null) {
      pool = new ScheduledThreadPoolExecutor(8, new NamingThreadFactory(new DaemonThreadFactory(), "hotplexAgent"));
      pool.setKeepAliveTime(1, TimeUnit.MINUTES);
      pool.allowCoreThreadTimeOut(true);
    }
    return pool;
  }

  @Terminator
  public static synchronized void shutDownPool() {
    if (pool != null) {
      pool.shutdownNow();
      pool = null;
    }
  }
}
