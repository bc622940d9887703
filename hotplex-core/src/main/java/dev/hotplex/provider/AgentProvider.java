package dev.hotplex.provider;

/**
 * One agent CLI behind one interface. Adding a provider means adding a package under {@code provider/<name>}
 * with an implementation of this interface and a line in
 * {@code META-INF/services/dev.hotplex.provider.AgentProvider}; nothing else changes.
 */
public interface AgentProvider {

  /** The id users type: {@code claude}, {@code opencode}, {@code codex}, {@code gemini}. */
  String id();

  /** The executable's file name, looked up on PATH and in hotplex's install folder. */
  String executableName();

  /** The npm package (with pinned version) that provides the executable, for error messages and installs. */
  String npmPackage();

  /** The variable that holds this provider's API key (e.g. {@code ANTHROPIC_API_KEY}). */
  String apiKeyVariable();

  /** How to start the CLI for these settings. */
  LaunchSpec launchSpec(AgentSettings settings);

  /** A fresh protocol for one process. */
  AgentProtocol newProtocol(AgentSettings settings, ProtocolPeer peer);
}
