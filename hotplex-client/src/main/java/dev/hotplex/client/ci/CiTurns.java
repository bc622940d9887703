package dev.hotplex.client.ci;

import dev.hotplex.client.HotplexClient;
import dev.hotplex.client.HotplexClientException;
import dev.hotplex.client.SessionInfo;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts a CI step's turn in its warm session on the daemon of the run and node: the session is created by the
 * first call that names it and re-used, same agent process and conversation, by every later one. Runs next to
 * the daemon (on the build agent), where the workspace paths are real.
 */
public final class CiTurns {
  private CiTurns() {}

  /**
   * A started (or queued) turn. Serializable (it travels from agent to controller, which saves it) and a plain
   * class rather than a record, because the serializers CI servers persist state with cannot restore records.
   */
  public static final class Started implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String sessionId;
    private final String sessionName;
    private final int turn;
    private final boolean created;
    private final boolean waiting;
    private final String stateDir;

    /**
     * @param created true when this call created the session, false when it re-used the warm one
     * @param waiting true when another call's turn ran in the session, so this one waits behind it
     * @param stateDir the daemon's state folder on the agent
     */
    public Started(String sessionId, String sessionName, int turn, boolean created, boolean waiting,
        String stateDir) {
      this.sessionId = sessionId;
      this.sessionName = sessionName;
      this.turn = turn;
      this.created = created;
      this.waiting = waiting;
      this.stateDir = stateDir;
    }

    public String sessionId() { return sessionId; }
    public String sessionName() { return sessionName; }
    public int turn() { return turn; }
    public boolean created() { return created; }
    public boolean waiting() { return waiting; }
    public String stateDir() { return stateDir; }

    /** The turn's event log on the agent. */
    public Path logFile() {
      return TurnLogTail.file(Path.of(stateDir), sessionId, turn);
    }

    @Override
    public String toString() {
      return "turn " + turn + " of session '" + sessionName + "' (" + sessionId + ") in " + stateDir;
    }
  }

  /**
   * Creates or re-uses the step's session and starts its turn with the step's prompt and tool lists.
   *
   * @throws CiStepException when the warm session of that name runs another provider or works in another folder
   *     (the step names the fix), or the work folder or policy file is wrong
   * @throws HotplexClientException when the daemon refuses (bad policy file, missing CLI, ...)
   */
  public static Started start(HotplexClient client, Path stateDir, StepOptions options, Path workspace,
      String scope) throws IOException {
    SessionInfo session = client.createOrReuseSession(options.sessionSpec(workspace, scope));
    if (!session.created()) {
      requireSameSetup(session, options, options.workDirIn(workspace));
    }
    int turn = client.startTurn(session.id(), options.prompt(), options.allowedTools(), options.disallowedTools());
    return new Started(session.id(), options.session(), turn, session.created(), session.busy(),
        stateDir.toString());
  }

  private static void requireSameSetup(SessionInfo session, StepOptions options, Path workDir)
      throws CiStepException {
    if (!session.provider().equals(options.provider())) {
      throw new CiStepException("Session '" + options.session() + "' runs provider '" + session.provider()
          + "' (from its first call), not '" + options.provider() + "'. Give this call another session name.");
    }
    if (!Path.of(session.workDir()).equals(workDir)) {
      throw new CiStepException("Session '" + options.session() + "' works in " + session.workDir() + " (its first"
          + " call's workDir), not " + workDir + ". Give this call another session name to work in another folder.");
    }
  }

  /**
   * Stops a step's turn without touching other calls: cancels it (interrupt, then the daemon kills the agent's
   * process group after its grace period), waits at most {@code wait} for its result, then closes the session,
   * which ends the agent's process group for good, unless another call's turn is running in it.
   *
   * @return true when the session was closed, false when it stays for the other call
   */
  public static boolean stop(HotplexClient client, Started started, Duration wait)
      throws IOException, InterruptedException {
    client.cancelTurn(started.sessionId(), started.turn());
    long deadline = System.nanoTime() + wait.toNanos();
    while (!client.turnComplete(started.sessionId(), started.turn()) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    if (client.session(started.sessionId()).busy()) {
      return false;
    }
    client.closeSession(started.sessionId());
    return true;
  }

  /** The agent process id of a session now, or -1 when none runs or the session is gone. */
  public static long agentPid(HotplexClient client, String sessionId) throws IOException {
    try {
      return client.session(sessionId).pid();
    } catch (HotplexClientException e) {
      if (e.status() == 404) {
        return -1;
      }
      throw e;
    }
  }
}
