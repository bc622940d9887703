package dev.hotplex.provider.gemini;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.provider.AgentProtocol;
import dev.hotplex.provider.AgentProvider;
import dev.hotplex.provider.AgentSettings;
import dev.hotplex.provider.LaunchSpec;
import dev.hotplex.provider.ProtocolPeer;
import dev.hotplex.provider.ProviderFolders;
import dev.hotplex.provider.acp.AcpAgent;
import dev.hotplex.provider.acp.AcpProtocol;
import dev.hotplex.provider.acp.AgentConfigFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Gemini CLI ({@code @google/gemini-cli}) as a warm {@code gemini --acp} process, driven over the Agent Client
 * Protocol.
 *
 * <p>hotplex gives it its own settings, never the user's: a {@code settings.json} in
 * {@link ProviderFolders#configDir} (API-key auth, telemetry, usage statistics and auto-update off), passed as the
 * CLI's system settings file ({@code GEMINI_CLI_SYSTEM_SETTINGS_PATH}), which wins over the user's and the
 * repository's settings. Its HOME (chats, history) is {@link AgentSettings#agentHome()} or a {@code home} folder
 * beside the settings. The workspace is trusted ({@code GEMINI_CLI_TRUST_WORKSPACE=true}) so the CLI does not stop
 * to ask, and it runs in approval mode {@code default}, so shell commands, edits and fetches are asked of hotplex;
 * an admin policy ({@code --admin-policy}, above every user or workspace policy) makes the file reading and
 * searching tools ask too, which the CLI would otherwise run on its own.
 *
 * <p>Model: {@code -m} is always passed ({@value #DEFAULT_MODEL} unless {@code model} is set): the CLI's default
 * {@code auto} first calls a router model and retries it for minutes against an endpoint that lacks it. A
 * {@link AgentSettings#baseUrl() baseUrl} becomes {@code GOOGLE_GEMINI_BASE_URL}. {@code permissionMode} may be
 * {@code default} or {@code plan}; the modes that approve calls on their own are refused.
 */
public final class GeminiProvider implements AgentProvider, AcpAgent {
  public static final String ID = "gemini";
  public static final String NPM_PACKAGE = "@google/gemini-cli@0.61.0";
  public static final String API_KEY_VARIABLE = "GEMINI_API_KEY";
  public static final String DEFAULT_MODEL = "gemini-2.5-flash";
  /** Approval modes in which the CLI asks before shell commands and edits. */
  static final Set<String> POLICED_MODES = Set.of("default", "plan");
  /** Credentials the CLI reads for the Gemini API and Vertex AI. */
  static final Set<String> SECRET_VARIABLES = Set.of(API_KEY_VARIABLE, "GOOGLE_API_KEY");
  /**
   * The CLI's tools and the ACP kind it reports for each (0.61.0: each tool's {@code Kind}, with {@code agent} sent
   * as {@code think} and plan and question tools as {@code other}).
   */
  static final Map<String, String> TOOL_KINDS = Map.ofEntries(
      Map.entry("run_shell_command", "execute"),
      Map.entry("read_file", "read"),
      Map.entry("read_many_files", "read"),
      Map.entry("write_file", "edit"),
      Map.entry("replace", "edit"),
      Map.entry("list_directory", "search"),
      Map.entry("glob", "search"),
      Map.entry("grep_search", "search"),
      Map.entry("google_web_search", "search"),
      Map.entry("web_fetch", "fetch"),
      Map.entry("write_todos", "other"),
      Map.entry("activate_skill", "other"),
      Map.entry("ask_user", "other"),
      Map.entry("enter_plan_mode", "other"),
      Map.entry("exit_plan_mode", "other"),
      Map.entry("get_internal_docs", "think"),
      Map.entry("update_topic", "think"),
      Map.entry("invoke_agent", "think"));
  /** The separator in the CLI's tool call ids ({@code run_shell_command__run_shell_command_1795503299160_0}). */
  private static final String TOOL_ID_SEPARATOR = "__";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Tools that read files or the web, which the CLI's default policy allows without asking. */
  static final List<String> READING_TOOLS = List.of("read_file", "read_many_files", "list_directory", "glob",
      "grep_search", "google_web_search", "web_fetch");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String providerId() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Gemini CLI";
  }

  /** The tool name that starts the CLI's tool call id, else the default (announced title or kind). */
  @Override
  public String toolName(String toolCallId, String announcedTitle, String kind) {
    int separator = toolCallId == null ? -1 : toolCallId.indexOf(TOOL_ID_SEPARATOR);
    return separator > 0 ? toolCallId.substring(0, separator) : AcpAgent.super.toolName(toolCallId,
        announcedTitle, kind);
  }

  @Override
  public Map<String, String> toolKinds() {
    return TOOL_KINDS;
  }

  @Override
  public String executableName() {
    return "gemini";
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
   * {@code gemini --acp -m <model>} with hotplex's settings, written to {@link ProviderFolders#configDir} here (the
   * same settings always write the same file).
   *
   * @throws IllegalArgumentException for a permission mode that would approve calls without asking hotplex
   */
  @Override
  public LaunchSpec launchSpec(AgentSettings settings) {
    Path folder = ProviderFolders.configDir(ID, settings);
    Path settingsFile = folder.resolve("settings.json");
    AgentConfigFiles.write(settingsFile, settingsJson());
    Path policy = folder.resolve("policies").resolve("hotplex.toml");
    AgentConfigFiles.write(policy, adminPolicy());
    Path home = settings.agentHome() != null ? settings.agentHome() : AgentConfigFiles.folder(folder.resolve("home"));
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("HOME", home.toString());
    environment.put("GEMINI_CLI_SYSTEM_SETTINGS_PATH", settingsFile.toString());
    environment.put("GEMINI_CLI_TRUST_WORKSPACE", "true");
    if (settings.baseUrl() != null) {
      environment.put("GOOGLE_GEMINI_BASE_URL", settings.baseUrl());
    }
    List<String> args = new ArrayList<>(List.of("--acp", "-m", settings.model() != null ? settings.model()
        : DEFAULT_MODEL, "--approval-mode", approvalMode(settings.permissionMode()), "--admin-policy",
        policy.toString()));
    args.addAll(settings.extraArgs());
    return new LaunchSpec(args, environment, SECRET_VARIABLES, SECRET_VARIABLES);
  }

  @Override
  public AgentProtocol newProtocol(AgentSettings settings, ProtocolPeer peer) {
    return new AcpProtocol(this, settings, peer);
  }

  /** API-key auth; no telemetry, usage statistics or update checks. */
  static String settingsJson() {
    ObjectNode settings = JSON.createObjectNode();
    settings.putObject("security").putObject("auth").put("selectedType", "gemini-api-key");
    settings.putObject("telemetry").put("enabled", false);
    settings.putObject("privacy").put("usageStatisticsEnabled", false);
    settings.putObject("general").put("enableAutoUpdate", false).put("enableAutoUpdateNotification", false);
    return settings.toPrettyString() + "\n";
  }

  /** One admin rule: the reading tools ask the user, that is hotplex, like shell commands and edits do. */
  static String adminPolicy() {
    StringBuilder tools = new StringBuilder();
    for (String tool : READING_TOOLS) {
      tools.append(tools.length() == 0 ? "" : ", ").append('"').append(tool).append('"');
    }
    return "# Written by hotplex: every tool that reads files or the web asks, so hotplex's policy decides it.\n"
        + "[[rule]]\ntoolName = [" + tools + "]\ndecision = \"ask_user\"\npriority = 900\n";
  }

  private static String approvalMode(String mode) {
    if (mode == null) {
      return "default";
    }
    if (!POLICED_MODES.contains(mode)) {
      throw new IllegalArgumentException("Gemini CLI permission mode '" + mode + "' is not supported: use one of "
          + POLICED_MODES + ". Modes such as auto_edit or yolo approve calls without asking hotplex's policy.");
    }
    return mode;
  }
}
