package dev.hotplex.provider.claude;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.provider.AgentProtocol;
import dev.hotplex.provider.AgentProvider;
import dev.hotplex.provider.AgentSettings;
import dev.hotplex.provider.LaunchSpec;
import dev.hotplex.provider.ProtocolPeer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Claude Code ({@code @anthropic-ai/claude-code}) as a warm stream-json process whose every tool call is decided
 * by hotplex's policy over the control protocol ({@code --permission-prompt-tool stdio}). Three things keep the
 * CLI from approving calls on its own: allowedTools stays with hotplex (never {@code --allowedTools}), no settings
 * files are loaded ({@code --setting-sources=}), and the protocol registers a catch-all {@code PreToolUse} hook
 * that answers "ask" (see {@code ClaudeProtocol.start()}).
 *
 * <p>Provider options ({@link AgentSettings#providerOptions()}):
 * <ul>
 *   <li>{@value #OPTION_SETTING_SOURCES}: Claude Code settings files to load, comma-separated from
 *       {@code user,project,local}. Default: none, because a repository's {@code .claude/settings.json} (e.g. in
 *       an untrusted pull request) could carry allow rules that approve tools without asking hotplex.</li>
 *   <li>{@value #OPTION_ALLOW_UNPOLICED_MODE}: {@code true} lets a permission mode through that makes the CLI
 *       approve or refuse calls on its own ({@code acceptEdits}, {@code bypassPermissions}, {@code auto},
 *       {@code dontAsk}). Default: {@code false}.</li>
 * </ul>
 */
public final class ClaudeProvider implements AgentProvider {
  public static final String ID = ClaudeTools.PROVIDER_ID;
  public static final String NPM_PACKAGE = "@anthropic-ai/claude-code@2.1.330";
  public static final String API_KEY_VARIABLE = "ANTHROPIC_API_KEY";
  public static final String OPTION_SETTING_SOURCES = "settingSources";
  public static final String OPTION_ALLOW_UNPOLICED_MODE = "allowUnpolicedPermissionMode";

  /** Modes in which the CLI still asks hotplex before any call it would not run on its own. */
  static final Set<String> POLICED_MODES = Set.of("default", "manual", "plan");
  /** Modes that approve (or refuse) calls without asking, so hotplex's policy would not see them. */
  static final Set<String> UNPOLICED_MODES = Set.of("acceptEdits", "bypassPermissions", "auto", "dontAsk");
  private static final Set<String> SETTING_SOURCES = Set.of("user", "project", "local");

  /** Keep the CLI from phoning home or updating itself inside a CI job. */
  static final Map<String, String> QUIET_ENVIRONMENT = Map.of(
      "DISABLE_AUTOUPDATER", "1",
      "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
      "DISABLE_TELEMETRY", "1",
      "DISABLE_ERROR_REPORTING", "1");
  /** Credentials Claude Code reads, for Anthropic's API and for Bedrock or Vertex AI. */
  static final Set<String> SECRET_VARIABLES = Set.of(API_KEY_VARIABLE, "ANTHROPIC_AUTH_TOKEN",
      "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_BEARER_TOKEN_BEDROCK");
  /** Non-secret switches for Bedrock and Vertex AI, inherited from the host so that either works unchanged. */
  private static final Set<String> CLOUD_VARIABLES = Set.of("CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX",
      "AWS_REGION", "AWS_PROFILE", "ANTHROPIC_VERTEX_PROJECT_ID", "CLOUD_ML_REGION",
      "GOOGLE_APPLICATION_CREDENTIALS");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String executableName() {
    return "claude";
  }

  @Override
  public String npmPackage() {
    return NPM_PACKAGE;
  }

  @Override
  public String apiKeyVariable() {
    return API_KEY_VARIABLE;
  }

  /**
   * The argv and environment for one warm process. Values go in the {@code --flag=value} form so that a value
   * starting with "-" (a system prompt, say) is never read as another option.
   *
   * @throws IllegalArgumentException when the settings would let calls bypass hotplex's policy or the CLI
   *     would refuse them (bad session id, unknown setting source)
   */
  @Override
  public LaunchSpec launchSpec(AgentSettings settings) {
    List<String> args = new ArrayList<>(List.of("--output-format", "stream-json", "--verbose",
        "--input-format", "stream-json", "--permission-prompt-tool", "stdio"));
    args.add("--setting-sources=" + settingSources(settings.providerOptions()));
    // allowedTools is deliberately NOT passed: the CLI would run matching calls without asking, and hotplex's
    // permission handler (which enforces allowedTools itself) would never see, log or audit them.
    if (!settings.disallowedTools().isEmpty()) {
      args.add("--disallowedTools=" + String.join(",", settings.disallowedTools()));
    }
    addIfSet(args, "--model", settings.model());
    addIfSet(args, "--permission-mode", checkedPermissionMode(settings));
    if (settings.maxTurns() > 0) {
      args.add("--max-turns=" + settings.maxTurns());
    }
    addIfSet(args, "--append-system-prompt", settings.appendSystemPrompt());
    addConversation(args, settings);
    if (settings.includePartialMessages()) {
      args.add("--include-partial-messages");
    }
    args.addAll(settings.extraArgs());
    return new LaunchSpec(args, environment(settings), passThrough(settings), SECRET_VARIABLES);
  }

  /** Tools hotplex does not model (Task, TodoWrite, ...) are {@link dev.hotplex.policy.ToolKind#OTHER}. */
  @Override
  public ToolCall toolCall(String toolName, JsonNode input, Path cwd) {
    return ClaudeTools.toToolCall(toolName, null, input, cwd);
  }

  @Override
  public String shellToolName() {
    return ClaudeTools.SHELL_TOOL;
  }

  @Override
  public AgentProtocol newProtocol(AgentSettings settings, ProtocolPeer peer) {
    String knownId = settings.resumeSessionId() != null ? settings.resumeSessionId() : settings.newSessionId();
    return new ClaudeProtocol(peer, settings.workDir(), knownId);
  }

  private static String settingSources(Map<String, String> options) {
    String requested = options.getOrDefault(OPTION_SETTING_SOURCES, "").trim();
    for (String source : requested.split(",")) {
      if (!source.isBlank() && !SETTING_SOURCES.contains(source.trim())) {
        throw new IllegalArgumentException("Unknown Claude Code setting source '" + source.trim()
            + "' in provider option " + OPTION_SETTING_SOURCES + ". Use a comma-separated list of "
            + "user, project, local, or leave it empty to load no settings files.");
      }
    }
    return requested.replace(" ", "");
  }

  private static String checkedPermissionMode(AgentSettings settings) {
    String mode = settings.permissionMode();
    boolean unpolicedAllowed = Boolean.parseBoolean(settings.providerOptions().get(OPTION_ALLOW_UNPOLICED_MODE));
    if (mode == null || POLICED_MODES.contains(mode) || unpolicedAllowed) {
      return mode;
    }
    if (UNPOLICED_MODES.contains(mode)) {
      throw new IllegalArgumentException("Claude Code permission mode '" + mode + "' makes the CLI approve or "
          + "refuse tool calls without asking hotplex, so its policy (allowedTools, disallowedTools, the shell "
          + "analyser, the audit log) would not see them. Use one of " + POLICED_MODES + ", or set provider option "
          + OPTION_ALLOW_UNPOLICED_MODE + "=true if you accept that.");
    }
    throw new IllegalArgumentException("Unknown Claude Code permission mode '" + mode + "'. Use one of "
        + POLICED_MODES + " (or " + UNPOLICED_MODES + " with provider option " + OPTION_ALLOW_UNPOLICED_MODE
        + "=true).");
  }

  private static void addConversation(List<String> args, AgentSettings settings) {
    if (settings.resumeSessionId() != null && settings.newSessionId() != null) {
      throw new IllegalArgumentException("Claude Code settings name both a conversation to resume ("
          + settings.resumeSessionId() + ") and a new one (" + settings.newSessionId() + "); pass only one.");
    }
    if (settings.newSessionId() != null) {
      try {
        UUID.fromString(settings.newSessionId());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Claude Code needs a UUID as session id, got '"
            + settings.newSessionId() + "'.", e);
      }
    }
    addIfSet(args, "--session-id", settings.newSessionId());
    addIfSet(args, "--resume", settings.resumeSessionId());
  }

  private static Map<String, String> environment(AgentSettings settings) {
    Map<String, String> environment = new LinkedHashMap<>(QUIET_ENVIRONMENT);
    if (settings.baseUrl() != null) {
      environment.put("ANTHROPIC_BASE_URL", settings.baseUrl());
    }
    if (settings.agentHome() != null) {
      environment.put("HOME", settings.agentHome().toString());
    }
    return environment;
  }

  private static Set<String> passThrough(AgentSettings settings) {
    Set<String> variables = new LinkedHashSet<>(SECRET_VARIABLES);
    variables.addAll(CLOUD_VARIABLES);
    if (settings.baseUrl() == null) {
      variables.add("ANTHROPIC_BASE_URL");
    }
    return variables;
  }

  private static void addIfSet(List<String> args, String flag, String value) {
    if (value != null) {
      args.add(flag + "=" + value);
    }
  }
}
