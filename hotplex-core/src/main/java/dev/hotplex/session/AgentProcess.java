package dev.hotplex.session;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.provider.AgentProtocol;
import dev.hotplex.provider.ProtocolPeer;
import dev.hotplex.secrets.SecretMasker;
import dev.hotplex.transport.ProcessTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent: its transport and its protocol, and the {@link ProtocolPeer} the protocol talks to. What the
 * protocol reports goes to the owning session; a standby process (pre-warmed, no owner yet) drops events and
 * denies permission requests.
 */
final class AgentProcess implements ProtocolPeer, ProcessTransport.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(AgentProcess.class);

  final LaunchPlan.Launch launch;
  final ProcessTransport transport;
  final AgentProtocol protocol;
  private final SecretMasker secretMasker;
  private volatile AgentSession owner;
  private volatile int turnsStarted;

  private AgentProcess(LaunchPlan plan, LaunchPlan.Launch launch) throws IOException {
    this.launch = launch;
    this.secretMasker = plan.secretMasker();
    createFolders(launch);
    // The protocol exists before the process so that no line can arrive without it; it writes only in start().
    this.protocol = plan.provider().newProtocol(launch.settings(), this);
    this.transport = ProcessTransport.spawn(launch.command(), launch.workDir(), launch.environment());
  }

  /** Spawns the agent and starts its protocol (Claude: sends {@code initialize}). */
  static AgentProcess spawn(LaunchPlan plan, LaunchPlan.Launch launch) throws IOException {
    AgentProcess process = new AgentProcess(plan, launch);
    process.transport.startReading(process);
    try {
      process.protocol.start();
    } catch (RuntimeException e) {
      // A process that died at once fails its first turn with its exit code and stderr; nothing to do here.
      LOG.debug("Starting the protocol of agent pid {} failed: {}", process.transport.pid(), e.toString());
    }
    return process;
  }

  private static void createFolders(LaunchPlan.Launch launch) throws IOException {
    for (Path folder : new Path[] {launch.settings().agentHome(), launch.settings().stateDir()}) {
      if (folder != null) {
        Files.createDirectories(folder);
      }
    }
  }

  void adopt(AgentSession session) {
    owner = session;
  }

  void release() {
    owner = null;
  }

  /** Counts a turn sent to this process; returns how many it served so far. */
  int beginTurn() {
    return ++turnsStarted;
  }

  boolean alive() {
    return transport.isAlive();
  }

  @Override
  public void send(String line) {
    transport.writeLine(line);
  }

  @Override
  public void emit(AgentEvent event) {
    AgentSession session = owner;
    if (session != null) {
      session.onEvent(this, event);
    } else {
      LOG.debug("Agent pid {} reported {} with no turn running; dropped", transport.pid(), event.getClass()
          .getSimpleName());
    }
  }

  @Override
  public void turnCompleted(TurnResult result) {
    AgentSession session = owner;
    if (session != null) {
      session.onAgentResult(this, result);
    }
  }

  @Override
  public CompletionStage<PermissionDecision> requestPermission(ToolCall call) {
    AgentSession session = owner;
    if (session == null) {
      return CompletableFuture.completedFuture(PermissionDecision.deny("hotplex.no-turn",
          "No hotplex turn is running, so no tool call is allowed."));
    }
    return session.decide(call);
  }

  @Override
  public String mask(String text) {
    return secretMasker.mask(text);
  }

  @Override
  public void onLine(String line) {
    protocol.onLine(line);
  }

  @Override
  public void onOversizedLine(long bytes) {
    emit(new AgentEvents.Error("Skipped an output line of " + bytes + " bytes from the agent: it is longer than the"
        + " line cap of " + ProcessTransport.MAX_LINE_BYTES + " bytes (system property"
        + " hotplex.transport.maxLineBytes)."));
  }

  @Override
  public void onExit(int exitCode) {
    AgentSession session = owner;
    if (session != null) {
      session.onProcessExit(this);
    } else {
      LOG.debug("Standby agent pid {} exited with code {}", transport.pid(), exitCode);
    }
  }

  @Override
  public String toString() {
    return "agent pid " + transport.pid();
  }
}
