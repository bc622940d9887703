package dev.hotplex.provider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a provider needs to know to launch and drive its CLI for one session. Built by the session from its
 * options; providers read it and never change it.
 *
 * @param workDir the agent's working directory, absolute
 * @param allowedTools tool patterns the host allows (enforced by hotplex's permission handler, not handed to
 *     the CLI as auto-allow rules, so that every call still reaches the policy)
 * @param disallowedTools tool patterns that are always refused (also handed to the CLI where it supports it)
 * @param model the model name, or null for the CLI's default
 * @param permissionMode the CLI's permission mode, or null for its default
 * @param maxTurns the most model round trips per turn, or 0 for no limit
 * @param appendSystemPrompt text appended to the system prompt, or null
 * @param baseUrl the model endpoint root (scheme://host:port[/prefix]) or null for the provider's own
 * @param resumeSessionId the CLI's conversation id to resume, or null for a new conversation
 * @param newSessionId the conversation id to create, or null to let the CLI choose
 * @param includePartialMessages stream text deltas as they arrive
 * @param agentHome the HOME the CLI gets (its config and transcripts live there), or null for the host's
 * @param extraArgs extra CLI arguments, appended as given
 * @param providerOptions free-form provider-specific options
 * @param stateDir a hotplex-owned folder for this session (per-session CLI config goes here, never into the
 *     user's own)
 */
public record AgentSettings(
    Path workDir,
    List<String> allowedTools,
    List<String> disallowedTools,
    String model,
    String permissionMode,
    int maxTurns,
    String appendSystemPrompt,
    String baseUrl,
    String resumeSessionId,
    String newSessionId,
    boolean includePartialMessages,
    Path agentHome,
    List<String> extraArgs,
    Map<String, String> providerOptions,
    Path stateDir,
    Duration startupTimeout) {

  public AgentSettings {
    allowedTools = allowedTools == null ? List.of() : List.copyOf(allowedTools);
    disallowedTools = disallowedTools == null ? List.of() : List.copyOf(disallowedTools);
    extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
    providerOptions = providerOptions == null ? Map.of() : Map.copyOf(providerOptions);
  }

  /** The same settings, resuming the given conversation in a new process. */
  public AgentSettings resuming(String agentSessionId) {
    return new AgentSettings(workDir, allowedTools, disallowedTools, model, permissionMode, maxTurns,
        appendSystemPrompt, baseUrl, agentSessionId, null, includePartialMessages, agentHome, extraArgs,
        providerOptions, stateDir, startupTimeout);
  }
}
