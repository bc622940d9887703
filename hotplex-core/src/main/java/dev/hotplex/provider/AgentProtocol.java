package dev.hotplex.provider;

import java.util.Optional;

/**
 * A provider's wire protocol on one running agent process: encodes user turns and control messages, decodes
 * each output line into events, detects the end of a turn and answers permission requests through the
 * {@link ProtocolPeer}. It owns no process and no threads (the transport does); the engine calls it from one
 * reader thread at a time, and {@link #sendUserTurn} / {@link #interrupt} from caller threads.
 */
public interface AgentProtocol {

  /** Called once after the process started, before any turn (Claude: sends {@code initialize}). */
  void start();

  /** Writes a user turn. The engine guarantees one turn at a time. */
  void sendUserTurn(String prompt);

  /** Decodes one line the agent printed. Must not throw on unknown or malformed input: emit an error instead. */
  void onLine(String line);

  /** Asks the agent to stop the current turn (Claude: control_request {@code interrupt}). */
  void interrupt();

  /** The agent's conversation id once known, for {@code --resume}-style respawns. */
  Optional<String> agentSessionId();
}
