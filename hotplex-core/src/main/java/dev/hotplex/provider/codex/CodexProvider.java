package dev.hotplex.provider.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.provider.AgentProtocol;
import dev.hotplex.provider.AgentProvider;
import dev.hotplex.provider.AgentSettings;
import dev.hotplex.provider.LaunchSpec;
import dev.hotplex.provider.ProtocolPeer;
import dev.hotplex.provider.ProviderFolders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI Codex ({@code @openai/codex}) as a warm {@code codex app-server} process, driven over JSON-RPC on stdio,
 * whose every command and file change is decided by hotplex's policy.
 *
 * <p>Decisions:
 * <ul>
 *   <li>Approval policy {@code untrusted}: Codex asks before every command it runs and every file change
 *       (checked with 0.169.0 for {@code ls}, {@code pwd}, {@code cat}, {@code git status}, {@code echo}), and
 *       the protocol reports any tool item that ran without asking as an error event.</li>
 *   <li>Codex's own sandbox defaults to {@code danger-full-access}: hotplex's policy decides every call and
 *       hotplex's own sandbox (bwrap) jails the whole process; Codex's sandbox nested inside it may not start, and
 *       its {@code workspace-write} mode also cuts the network a CI build needs. Provider option
 *       {@value #OPTION_SANDBOX} chooses {@code read-only} or {@code workspace-write} instead.</li>
 *   <li>Configuration lives in a hotplex-owned {@code CODEX_HOME} ({@link ProviderFolders#configDir}); the user's
 *       {@code ~/.codex} is never read or written. Threads (and so resumes) are stored there.</li>
 *   <li>Codex reports no cost: {@link dev.hotplex.event.TurnResult#costUsd()} is always 0 for Codex turns.</li>
 * </ul>
 *
 * <p>Settings: {@code model} and {@code appendSystemPrompt} (as developer instructions) go to {@code thread/start};
 * {@code permissionMode}, when set, is Codex's approval policy and must be {@code untrusted} unless provider
 * option {@value #OPTION_ALLOW_UNPOLICED_MODE} is {@code true}; allowed and disallowed tools are enforced by
 * hotplex's permission handler. Codex has no turn limit and chooses its own thread ids, so {@code maxTurns} and a
 * new session id are refused.
 *
 * <p>Provider options ({@link AgentSettings#providerOptions()}):
 * <ul>
 *   <li>{@value #OPTION_SANDBOX}: {@code danger-full-access} (default), {@code workspace-write} or
 *       {@code read-only}.</li>
 *   <li>{@value #OPTION_MAX_RETRIES}: how often Codex retries a failed model request or stream (Codex's
 *       {@code request_max_retries} and {@code stream_max_retries}); default: Codex's own.</li>
 *   <li>{@value #OPTION_ALLOW_UNPOLICED_MODE}: {@code true} allows an approval policy that lets Codex run calls
 *       without asking ({@code on-request}, {@code on-failure}, {@code never}). Default {@code false}.</li>
 * </ul>
 */
public final class CodexProvider implements AgentProvider {
  public static final String ID = CodexTools.PROVIDER_ID;
  public static final String NPM_PACKAGE = "@openai/codex@0.169.0";
  public static final String API_KEY_VARIABLE = "OPENAI_API_KEY";
  public static final String OPTION_SANDBOX = "sandbox";
  public static final String OPTION_MAX_RETRIES = "maxRetries";
  public static final String OPTION_ALLOW_UNPOLICED_MODE = "allowUnpolicedPermissionMode";
  /** The approval policy under which Codex asks hotplex before every command and file change. */
  static final String POLICED_APPROVAL = "untrusted";
  static final Set<String> UNPOLICED_APPROVALS = Set.of("on-request", "on-failure", "never");
  static final String DEFAULT_SANDBOX = "danger-full-access";
  static final Set<String> SANDBOXES = Set.of("danger-full-access", "workspace-write", "read-only");
  /** The version hotplex reports in {@code initialize}'s clientInfo. */
  static final String CLIENT_VERSION = "1";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String executableName() {
    return "codex";
  }

  @Override
  public String npmPackage() {
    return NPM_PACKAGE;
  }

  @Override
  public String apiKeyVariable() {
    return API_KEY_VARIABLE;
  }

  @Override
  public List<Path> writablePaths(AgentSettings settings) {
    return List.of(ProviderFolders.configDir(ID, settings));
  }

  /**
   * {@code codex app-server} with {@code CODEX_HOME} pointing at hotplex's configuration folder.
   *
   * @throws IllegalArgumentException when the settings ask for something Codex cannot do or that would let calls
   *     bypass hotplex's policy
   */
  @Override
  public LaunchSpec launchSpec(AgentSettings settings) {
    threadSettings(settings); // validates
    maxRetries(settings);
    List<String> args = new ArrayList<>(List.of("app-server"));
    args.addAll(settings.extraArgs());
    return new LaunchSpec(args, Map.of("CODEX_HOME", codexHome(settings).toString()), Set.of(API_KEY_VARIABLE),
        Set.of(API_KEY_VARIABLE));
  }

  /** {@code exec_command {"command"}} and {@code apply_patch {"changes"}}, the calls Codex asks approval for. */
  @Override
  public ToolCall toolCall(String toolName, JsonNode input, Path cwd) {
    return CodexTools.byName(toolName, input, cwd);
  }

  @Override
  public String shellToolName() {
    return CodexTools.SHELL_TOOL;
  }

  /** Writes the session's {@code config.toml} (right before the process starts) and returns the protocol. */
  @Override
  public AgentProtocol newProtocol(AgentSettings settings, ProtocolPeer peer) {
    CodexThreadSettings thread = threadSettings(settings);
    CodexConfig.write(codexHome(settings), CodexConfig.render(settings, maxRetries(settings)));
    return new CodexProtocol(peer, thread);
  }

  /** Codex's home for these settings: hotplex-owned, per session (or per equal settings). */
  static Path codexHome(AgentSettings settings) {
    return ProviderFolders.configDir(ID, settings);
  }

  static CodexThreadSettings threadSettings(AgentSettings settings) {
    if (settings.maxTurns() > 0) {
      throw new IllegalArgumentException("Codex has no limit on model round trips per turn, so maxTurns="
          + settings.maxTurns() + " cannot be honoured. Unset maxTurns (use the turn timeout to bound a turn).");
    }
    if (settings.newSessionId() != null) {
      throw new IllegalArgumentException("Codex chooses its own thread ids, so session id '"
          + settings.newSessionId() + "' cannot be used. Leave it unset; the thread id is reported as the agent "
          + "session id and can be resumed.");
    }
    return new CodexThreadSettings(settings.workDir(), approvalPolicy(settings), sandbox(settings.providerOptions()),
        settings.model(), settings.appendSystemPrompt(), settings.resumeSessionId(),
        settings.includePartialMessages());
  }

  private static String approvalPolicy(AgentSettings settings) {
    String mode = settings.permissionMode();
    if (mode == null || POLICED_APPROVAL.equals(mode)) {
      return POLICED_APPROVAL;
    }
    boolean unpolicedAllowed = Boolean.parseBoolean(settings.providerOptions().get(OPTION_ALLOW_UNPOLICED_MODE));
    if (UNPOLICED_APPROVALS.contains(mode) && unpolicedAllowed) {
      return mode;
    }
    if (UNPOLICED_APPROVALS.contains(mode)) {
      throw new IllegalArgumentException("Codex approval policy '" + mode + "' lets Codex run commands or change "
          + "files without asking hotplex, so its policy (allowedTools, disallowedTools, the shell analyser, the "
          + "audit log) would not see them. Use '" + POLICED_APPROVAL + "' (the default), or set provider option "
          + OPTION_ALLOW_UNPOLICED_MODE + "=true if you accept that.");
    }
    throw new IllegalArgumentException("Unknown Codex approval policy (permissionMode) '" + mode + "'. Use '"
        + POLICED_APPROVAL + "' (or " + UNPOLICED_APPROVALS + " with provider option " + OPTION_ALLOW_UNPOLICED_MODE
        + "=true).");
  }

  private static String sandbox(Map<String, String> options) {
    String sandbox = options.getOrDefault(OPTION_SANDBOX, DEFAULT_SANDBOX).trim();
    if (!SANDBOXES.contains(sandbox)) {
      throw new IllegalArgumentException("Unknown Codex sandbox '" + sandbox + "' in provider option "
          + OPTION_SANDBOX + ". Use one of " + SANDBOXES + " (default " + DEFAULT_SANDBOX + ").");
    }
    return sandbox;
  }

  private static Integer maxRetries(AgentSettings settings) {
    String value = settings.providerOptions().get(OPTION_MAX_RETRIES);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      int retries = Integer.parseInt(value.trim());
      if (retries >= 0) {
        return retries;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Provider option " + OPTION_MAX_RETRIES + " must be a whole number of 0 or "
        + "more, got '" + value + "'.");
  }
}
