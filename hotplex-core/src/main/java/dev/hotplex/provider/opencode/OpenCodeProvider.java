package dev.hotplex.provider.opencode;

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
 * OpenCode ({@code opencode-ai}) as a warm {@code opencode acp} process, driven over the Agent Client Protocol.
 *
 * <p>hotplex gives it its own configuration, never the user's: an {@code opencode.json} in
 * {@link ProviderFolders#configDir} (passed as {@code OPENCODE_CONFIG}) and XDG config, data, state and cache folders
 * beside it (its sessions live there, so a later process can resume them). Every tool asks for permission
 * ({@code OPENCODE_PERMISSION}, which OpenCode applies after all configuration files), so hotplex's policy decides
 * every call; OpenCode's {@code question} tool stays off, as no one could answer it. When hotplex rejects a call,
 * OpenCode 1.18.33 ends the turn there without telling the model, so hotplex fails that turn
 * ({@code error_permission_denied}, naming the call and the rule); the Gemini CLI instead tells the model and goes on.
 *
 * <p>Model: with a {@link AgentSettings#baseUrl() baseUrl}, OpenCode talks to that OpenAI-compatible endpoint
 * ({@code baseUrl + "/v1"}, key from {@code OPENAI_API_KEY}) as provider {@value #ENDPOINT_PROVIDER}, and
 * {@code model} is the endpoint's own model id (default {@value #DEFAULT_ENDPOINT_MODEL}). Without one, {@code model}
 * is OpenCode's {@code provider/model} name (e.g. {@code anthropic/claude-sonnet-4-5}) or null for its default.
 *
 * <p>Provider options: {@value #OPTION_PROJECT_CONFIG}{@code =true} also loads the repository's own OpenCode
 * configuration ({@code opencode.json}, {@code .opencode/}, {@code AGENTS.md}). Default: off, because a
 * repository (e.g. an untrusted pull request) could bring plugins, MCP servers or another model endpoint.
 */
public final class OpenCodeProvider implements AgentProvider, AcpAgent {
  /** OpenCode 1.18.33 ends the turn at a rejected call, without passing the reason to the model. */
  @Override
  public boolean endsTurnOnRejection() {
    return true;
  }

  public static final String ID = "opencode";
  public static final String NPM_PACKAGE = "opencode-ai@1.18.33";
  public static final String API_KEY_VARIABLE = "OPENAI_API_KEY";
  public static final String OPTION_PROJECT_CONFIG = "projectConfig";
  /** The provider id hotplex gives a {@code baseUrl} endpoint in OpenCode's configuration. */
  public static final String ENDPOINT_PROVIDER = "hotplex";
  public static final String DEFAULT_ENDPOINT_MODEL = "default";

  /**
   * OpenCode's tools and the ACP kind it reports for each (1.18.33 maps {@code bash} to {@code execute},
   * {@code webfetch} to {@code fetch}, {@code edit write patch apply_patch} to {@code edit}, {@code grep glob} to
   * {@code search}, {@code read} to {@code read}, {@code task} to {@code think}, and every other tool to
   * {@code other}).
   */
  static final Map<String, String> TOOL_KINDS = Map.ofEntries(
      Map.entry("bash", "execute"),
      Map.entry("read", "read"),
      Map.entry("write", "edit"),
      Map.entry("edit", "edit"),
      Map.entry("patch", "edit"),
      Map.entry("apply_patch", "edit"),
      Map.entry("glob", "search"),
      Map.entry("grep", "search"),
      Map.entry("list", "other"),
      Map.entry("webfetch", "fetch"),
      Map.entry("websearch", "other"),
      Map.entry("codesearch", "other"),
      Map.entry("task", "think"),
      Map.entry("todowrite", "other"),
      Map.entry("todoread", "other"),
      Map.entry("skill", "other"));
  /** Every permission asks; {@code question} would wait for a human, so it is refused. */
  static final String PERMISSIONS = "{\"*\":\"ask\",\"read\":\"ask\",\"edit\":\"ask\",\"bash\":\"ask\","
      + "\"glob\":\"ask\",\"grep\":\"ask\",\"list\":\"ask\",\"task\":\"ask\",\"skill\":\"ask\",\"webfetch\":\"ask\","
      + "\"websearch\":\"ask\",\"external_directory\":\"ask\",\"question\":\"deny\"}";
  /**
   * Keep the CLI from updating itself, fetching model lists, downloading LSPs, sharing or reading ~/.claude, and from
   * installing npm packages at run time (OpenCode 1.18.33 installs {@code @opencode-ai/plugin} into every config
   * folder from the npm registry; hotplex's configuration has no plugins, so nothing is lost offline).
   */
  static final Map<String, String> QUIET_ENVIRONMENT = Map.of(
      "npm_config_offline", "true",
      "OPENCODE_DISABLE_AUTOUPDATE", "1",
      "OPENCODE_DISABLE_MODELS_FETCH", "1",
      "OPENCODE_DISABLE_LSP_DOWNLOAD", "1",
      "OPENCODE_DISABLE_SHARE", "1",
      "OPENCODE_DISABLE_DEFAULT_PLUGINS", "1",
      "OPENCODE_DISABLE_CLAUDE_CODE", "1");
  /** Keys of the model providers OpenCode knows without configuration, inherited from the host. */
  static final Set<String> SECRET_VARIABLES = Set.of(API_KEY_VARIABLE, "ANTHROPIC_API_KEY", "OPENROUTER_API_KEY",
      "GOOGLE_GENERATIVE_AI_API_KEY", "OPENCODE_API_KEY");
  private static final ObjectMapper JSON = new ObjectMapper();

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
    return "OpenCode";
  }

  @Override
  public Map<String, String> toolKinds() {
    return TOOL_KINDS;
  }

  @Override
  public String executableName() {
    return "opencode";
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
   * {@code opencode acp} with hotplex's configuration, written to {@link ProviderFolders#configDir} here (the same
   * settings always write the same files).
   *
   * @throws IllegalArgumentException when {@code model} is not a {@code provider/model} name and no baseUrl is set
   */
  @Override
  public LaunchSpec launchSpec(AgentSettings settings) {
    Path folder = ProviderFolders.configDir(ID, settings);
    Path config = folder.resolve("opencode.json");
    AgentConfigFiles.write(config, configuration(settings));
    Map<String, String> environment = new LinkedHashMap<>(QUIET_ENVIRONMENT);
    environment.put("OPENCODE_CONFIG", config.toString());
    environment.put("OPENCODE_PERMISSION", PERMISSIONS);
    for (String xdg : List.of("config", "data", "state", "cache")) {
      environment.put("XDG_" + xdg.toUpperCase() + "_HOME", AgentConfigFiles.folder(folder.resolve(xdg)).toString());
    }
    if (!Boolean.parseBoolean(settings.providerOptions().get(OPTION_PROJECT_CONFIG))) {
      environment.put("OPENCODE_DISABLE_PROJECT_CONFIG", "1");
    }
    List<String> args = new ArrayList<>(List.of("acp"));
    args.addAll(settings.extraArgs());
    return new LaunchSpec(args, environment, SECRET_VARIABLES, SECRET_VARIABLES);
  }

  @Override
  public AgentProtocol newProtocol(AgentSettings settings, ProtocolPeer peer) {
    return new AcpProtocol(this, settings, peer);
  }

  /** The {@code opencode.json}: no updates or sharing, and the model (with the endpoint when there is a baseUrl). */
  static String configuration(AgentSettings settings) {
    ObjectNode config = JSON.createObjectNode();
    config.put("$schema", "https://opencode.ai/config.json");
    config.put("autoupdate", false);
    config.put("share", "disabled");
    String model = settings.model();
    if (settings.baseUrl() != null) {
      String endpointModel = model != null ? model : DEFAULT_ENDPOINT_MODEL;
      ObjectNode provider = config.putObject("provider").putObject(ENDPOINT_PROVIDER);
      provider.put("npm", "@ai-sdk/openai-compatible");
      provider.put("name", "hotplex endpoint");
      provider.putObject("options").put("baseURL", stripSlash(settings.baseUrl()) + "/v1")
          .put("apiKey", "{env:" + API_KEY_VARIABLE + "}");
      provider.putObject("models").putObject(endpointModel).put("name", endpointModel).put("tool_call", true);
      config.put("model", ENDPOINT_PROVIDER + "/" + endpointModel);
      config.put("small_model", ENDPOINT_PROVIDER + "/" + endpointModel);
    } else if (model != null) {
      if (!model.contains("/")) {
        throw new IllegalArgumentException("OpenCode names models as provider/model (e.g. anthropic/claude-sonnet-4-5),"
            + " got '" + model + "'. Use that form, or set baseUrl to use an OpenAI-compatible endpoint's model id.");
      }
      config.put("model", model);
    }
    return config.toPrettyString() + "\n";
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
