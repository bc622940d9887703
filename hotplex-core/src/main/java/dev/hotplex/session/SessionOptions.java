package dev.hotplex.session;

import dev.hotplex.policy.Approver;
import dev.hotplex.policy.DecisionListener;
import dev.hotplex.policy.PermissionHandler;
import dev.hotplex.policy.Policy;
import dev.hotplex.policy.PolicyPermissionHandler;
import dev.hotplex.provider.AgentSettings;
import dev.hotplex.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a session runs its agent. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * SessionOptions options = SessionOptions.builder()
 *     .workDir(Path.of("repo"))
 *     .addAllowedTools("Read", "Grep", "Bash(git diff:*)")
 *     .turnTimeout(Duration.ofMinutes(10))
 *     .build();
 * }</pre>
 *
 * <p>Every tool call is policed: unless a {@link #permissionHandler()} is set, the session answers calls with a
 * {@link PolicyPermissionHandler}: the allowed/disallowed tool patterns, then the {@link #policy()} (the shipped
 * default policy unless another is set) and the workspace jail rooted at the working directory.
 *
 * <p>Defaults: provider {@code claude}, the current directory, no allowed tools (every tool call is denied unless
 * allowed), the default policy, turn timeout {@value #DEFAULT_TURN_TIMEOUT_MINUTES} minutes, interrupt grace
 * {@value #DEFAULT_INTERRUPT_GRACE_SECONDS} s, FIFO queueing, no sandbox.
 */
public final class SessionOptions {
  public static final int DEFAULT_TURN_TIMEOUT_MINUTES = 30;
  public static final int DEFAULT_INTERRUPT_GRACE_SECONDS = 10;
  public static final int DEFAULT_STARTUP_TIMEOUT_SECONDS = 60;

  private final String provider;
  private final Path workDir;
  private final List<String> allowedTools;
  private final List<String> disallowedTools;
  private final String model;
  private final String permissionMode;
  private final int maxTurns;
  private final String appendSystemPrompt;
  private final String baseUrl;
  private final String resumeSessionId;
  private final boolean includePartialMessages;
  private final Path agentHome;
  private final Path stateDir;
  private final Path cliPath;
  private final List<String> extraArgs;
  private final Map<String, String> providerOptions;
  private final Map<String, String> environment;
  private final Set<String> passEnvironment;
  private final Set<String> secrets;
  private final PermissionHandler permissionHandler;
  private final PermissionHandler explicitPermissionHandler;
  private final Policy policy;
  private final Approver approver;
  private final DecisionListener decisionListener;
  private final Sandbox sandbox;
  private final Duration turnTimeout;
  private final Duration interruptGrace;
  private final Duration startupTimeout;
  private final QueueMode queueMode;

  private SessionOptions(Builder b) {
    provider = b.provider;
    workDir = b.workDir.toAbsolutePath().normalize();
    allowedTools = List.copyOf(b.allowedTools);
    disallowedTools = List.copyOf(b.disallowedTools);
    model = b.model;
    permissionMode = b.permissionMode;
    maxTurns = b.maxTurns;
    appendSystemPrompt = b.appendSystemPrompt;
    baseUrl = b.baseUrl;
    resumeSessionId = b.resumeSessionId;
    includePartialMessages = b.includePartialMessages;
    agentHome = b.agentHome;
    stateDir = b.stateDir;
    cliPath = b.cliPath;
    extraArgs = List.copyOf(b.extraArgs);
    providerOptions = Map.copyOf(b.providerOptions);
    environment = Map.copyOf(b.environment);
    passEnvironment = Set.copyOf(b.passEnvironment);
    secrets = Set.copyOf(b.secrets);
    policy = b.policy != null ? b.policy : Policy.defaults();
    approver = b.approver;
    decisionListener = b.decisionListener;
    explicitPermissionHandler = b.permissionHandler;
    permissionHandler = b.permissionHandler != null ? b.permissionHandler : policedHandler();
    sandbox = b.sandbox;
    turnTimeout = b.turnTimeout;
    interruptGrace = b.interruptGrace;
    startupTimeout = b.startupTimeout;
    queueMode = b.queueMode;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to derive variants. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.provider = provider;
    b.workDir = workDir;
    b.allowedTools.addAll(allowedTools);
    b.disallowedTools.addAll(disallowedTools);
    b.model = model;
    b.permissionMode = permissionMode;
    b.maxTurns = maxTurns;
    b.appendSystemPrompt = appendSystemPrompt;
    b.baseUrl = baseUrl;
    b.resumeSessionId = resumeSessionId;
    b.includePartialMessages = includePartialMessages;
    b.agentHome = agentHome;
    b.stateDir = stateDir;
    b.cliPath = cliPath;
    b.extraArgs.addAll(extraArgs);
    b.providerOptions.putAll(providerOptions);
    b.environment.putAll(environment);
    b.passEnvironment.addAll(passEnvironment);
    b.secrets.addAll(secrets);
    // Only a handler the caller chose carries over: the policed one is rebuilt from the (maybe changed) options.
    b.permissionHandler = explicitPermissionHandler;
    b.policy = policy;
    b.approver = approver;
    b.decisionListener = decisionListener;
    b.sandbox = sandbox;
    b.turnTimeout = turnTimeout;
    b.interruptGrace = interruptGrace;
    b.startupTimeout = startupTimeout;
    b.queueMode = queueMode;
    return b;
  }

  private PermissionHandler policedHandler() {
    PolicyPermissionHandler.Builder handler = PolicyPermissionHandler.builder()
        .workspace(workDir)
        .home(agentHome != null ? agentHome : Path.of(System.getProperty("user.home")))
        .policy(policy)
        .toolPatterns(allowedTools, disallowedTools)
        .approver(approver)
        .listener(decisionListener);
    return handler.build();
  }

  /** The provider-facing view of these options. */
  public AgentSettings agentSettings() {
    return new AgentSettings(workDir, allowedTools, disallowedTools, model, permissionMode, maxTurns,
        appendSystemPrompt, baseUrl, resumeSessionId, null, includePartialMessages, agentHome, extraArgs,
        providerOptions, stateDir, startupTimeout);
  }

  public String provider() { return provider; }
  public Path workDir() { return workDir; }
  public List<String> allowedTools() { return allowedTools; }
  public List<String> disallowedTools() { return disallowedTools; }
  public String model() { return model; }
  public String permissionMode() { return permissionMode; }
  public int maxTurns() { return maxTurns; }
  public String appendSystemPrompt() { return appendSystemPrompt; }
  public String baseUrl() { return baseUrl; }
  public String resumeSessionId() { return resumeSessionId; }
  public boolean includePartialMessages() { return includePartialMessages; }
  public Path agentHome() { return agentHome; }
  public Path stateDir() { return stateDir; }
  public Path cliPath() { return cliPath; }
  public List<String> extraArgs() { return extraArgs; }
  public Map<String, String> providerOptions() { return providerOptions; }
  /** Variables set for the agent, on top of the allow-listed host environment. */
  public Map<String, String> environment() { return environment; }
  /** Host variables the agent may inherit beyond the base allow-list. */
  public Set<String> passEnvironment() { return passEnvironment; }
  /** Literal secret values to mask wherever hotplex prints or stores text (besides the provider key). */
  public Set<String> secrets() { return secrets; }
  public PermissionHandler permissionHandler() { return permissionHandler; }
  /** The policy that polices tool calls when no permission handler is set. */
  public Policy policy() { return policy; }
  public Sandbox sandbox() { return sandbox; }
  public Duration turnTimeout() { return turnTimeout; }
  public Duration interruptGrace() { return interruptGrace; }
  public Duration startupTimeout() { return startupTimeout; }
  public QueueMode queueMode() { return queueMode; }

  /** Builds {@link SessionOptions}: {@code setX}-style methods replace, {@code addX} methods append. */
  public static final class Builder {
    private String provider = "claude";
    private Path workDir = Path.of("");
    private final List<String> allowedTools = new ArrayList<>();
    private final List<String> disallowedTools = new ArrayList<>();
    private String model;
    private String permissionMode;
    private int maxTurns;
    private String appendSystemPrompt;
    private String baseUrl;
    private String resumeSessionId;
    private boolean includePartialMessages;
    private Path agentHome;
    private Path stateDir;
    private Path cliPath;
    private final List<String> extraArgs = new ArrayList<>();
    private final Map<String, String> providerOptions = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Set<String> passEnvironment = new LinkedHashSet<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    private PermissionHandler permissionHandler;
    private Policy policy;
    private Approver approver;
    private DecisionListener decisionListener;
    private Sandbox sandbox = Sandbox.NONE;
    private Duration turnTimeout = Duration.ofMinutes(DEFAULT_TURN_TIMEOUT_MINUTES);
    private Duration interruptGrace = Duration.ofSeconds(DEFAULT_INTERRUPT_GRACE_SECONDS);
    private Duration startupTimeout = Duration.ofSeconds(DEFAULT_STARTUP_TIMEOUT_SECONDS);
    private QueueMode queueMode = QueueMode.QUEUE;

    private Builder() {}

    public Builder provider(String id) { provider = Objects.requireNonNull(id, "provider"); return this; }
    public Builder workDir(Path dir) { workDir = Objects.requireNonNull(dir, "workDir"); return this; }
    public Builder allowedTools(List<String> tools) { allowedTools.clear(); allowedTools.addAll(tools); return this; }
    public Builder addAllowedTools(String... tools) { allowedTools.addAll(List.of(tools)); return this; }
    public Builder disallowedTools(List<String> tools) { disallowedTools.clear(); disallowedTools.addAll(tools); return this; }
    public Builder addDisallowedTools(String... tools) { disallowedTools.addAll(List.of(tools)); return this; }
    public Builder model(String value) { model = value; return this; }
    public Builder permissionMode(String value) { permissionMode = value; return this; }
    public Builder maxTurns(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("maxTurns must be 0 (no limit) or more, not " + value);
      }
      maxTurns = value;
      return this;
    }
    public Builder appendSystemPrompt(String value) { appendSystemPrompt = value; return this; }
    public Builder baseUrl(String value) { baseUrl = value; return this; }
    public Builder resumeSessionId(String value) { resumeSessionId = value; return this; }
    public Builder includePartialMessages(boolean value) { includePartialMessages = value; return this; }
    public Builder agentHome(Path value) { agentHome = value; return this; }
    public Builder stateDir(Path value) { stateDir = value; return this; }
    public Builder cliPath(Path value) { cliPath = value; return this; }
    public Builder addExtraArgs(String... args) { extraArgs.addAll(List.of(args)); return this; }
    public Builder providerOption(String key, String value) { providerOptions.put(key, value); return this; }
    public Builder environment(String name, String value) { environment.put(name, value); return this; }
    public Builder passEnvironment(String... names) { passEnvironment.addAll(List.of(names)); return this; }
    public Builder addSecret(String value) { secrets.add(value); return this; }
    /** Answers tool calls instead of the policed default; null restores the default. */
    public Builder permissionHandler(PermissionHandler handler) { permissionHandler = handler; return this; }
    /** The policy for the default handler (e.g. {@code Policy.load(file)}); default {@code Policy.defaults()}. */
    public Builder policy(Policy value) { policy = value; return this; }
    /** Who answers {@code ask} decisions; without one, {@code ask} is denied (headless CI). */
    public Builder approver(Approver value) { approver = value; return this; }
    /** Receives every decision of the default handler, e.g. to write an audit log. */
    public Builder decisionListener(DecisionListener value) { decisionListener = value; return this; }
    public Builder sandbox(Sandbox value) { sandbox = Objects.requireNonNull(value, "sandbox"); return this; }
    public Builder turnTimeout(Duration value) { turnTimeout = positive(value, "turnTimeout"); return this; }
    public Builder interruptGrace(Duration value) { interruptGrace = positive(value, "interruptGrace"); return this; }
    public Builder startupTimeout(Duration value) { startupTimeout = positive(value, "startupTimeout"); return this; }
    public Builder queueMode(QueueMode value) { queueMode = Objects.requireNonNull(value, "queueMode"); return this; }

    private static Duration positive(Duration value, String name) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be a positive duration, not " + value);
      }
      return value;
    }

    /**
     * Builds the options.
     *
     * @throws IllegalArgumentException when an allowed or disallowed tool pattern is malformed, or the working
     *     directory cannot be a workspace (e.g. {@code /})
     */
    public SessionOptions build() {
      return new SessionOptions(this);
    }
  }
}
