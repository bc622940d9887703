package dev.hotplex.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.policy.ToolCall;
import java.nio.file.Path;
import java.util.List;

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

  /**
   * One of this provider's tool calls (its own tool name and input) in the normalized form its protocol gives the
   * permission handler, through the same mapping the runtime uses. {@code hotplex policy check} uses it to judge
   * calls written in the provider's tool names.
   *
   * @throws IllegalArgumentException when the provider has no tool of that name (the message lists the names it
   *     knows), or the input lacks a field the mapping needs. The default knows no tools.
   */
  default ToolCall toolCall(String toolName, JsonNode input, Path cwd) {
    throw new IllegalArgumentException(id() + " does not describe its tools, so its calls cannot be checked");
  }

  /** The provider's own name of its shell tool, whose input is {@code {"command": CMD}}; null when unknown. */
  default String shellToolName() {
    return null;
  }

  /**
   * Folders the CLI must be able to write besides the workspace and its HOME (e.g. the hotplex-owned config
   * folder from {@link ProviderFolders#configDir}); a sandbox binds them writable. Default: none.
   */
  default List<Path> writablePaths(AgentSettings settings) {
    return List.of();
  }

  /** A fresh protocol for one process. */
  AgentProtocol newProtocol(AgentSettings settings, ProtocolPeer peer);
}
