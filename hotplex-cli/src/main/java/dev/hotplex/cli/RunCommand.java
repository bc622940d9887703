package dev.hotplex.cli;

import dev.hotplex.audit.AuditLog;
import dev.hotplex.audit.AuditLogException;
import dev.hotplex.policy.Policy;
import dev.hotplex.policy.PolicyFileException;
import dev.hotplex.policy.ToolPattern;
import dev.hotplex.provider.AgentProvider;
import dev.hotplex.sandbox.ParentWatch;
import dev.hotplex.secrets.SecretMasker;
import dev.hotplex.session.Session;
import dev.hotplex.session.SessionOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hotplex run}: prompts one after another in one warm session, streamed as a readable log or NDJSON. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Run prompts one after another in one warm agent session.",
    description = {
        "Runs the prompts one after another in ONE warm agent session (later prompts see the earlier answers) and"
            + " streams what the agent does. Every tool call is checked against --allowed-tools and"
            + " --disallowed-tools (a call that matches no allowed pattern is denied), then against the policy"
            + " (the shipped defaults and the workspace jail, plus --policy).",
        "Stops at the first prompt that fails. Ctrl-C cancels the running prompt and stops the agent.",
        "The API key is read from the provider's variable (ANTHROPIC_API_KEY for claude)."},
    footer = {"", "Examples:",
        "  hotplex run --demo 'List the files here'",
        "  export ANTHROPIC_API_KEY=...",
        "  hotplex run --work-dir repo --allowed-tools 'Read,Grep,Bash(git diff:*)' \\",
        "      'Review the last commit' 'Now suggest a test for it'"})
final class RunCommand implements Callable<Integer> {
  /** Default timeout shown in the help, the engine's own default. */
  static final String DEFAULT_TIMEOUT = SessionOptions.DEFAULT_TURN_TIMEOUT_MINUTES + "m";

  @ParentCommand
  HotplexMain root;

  @Spec
  CommandSpec spec;

  @Option(names = "--provider", paramLabel = "ID", defaultValue = "claude",
      description = "The agent CLI to drive (default: ${DEFAULT-VALUE}).")
  String provider;

  @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".",
      description = "The agent's working directory (default: the current directory).")
  Path workDir;

  @Option(names = "--allowed-tools", paramLabel = "PATTERNS",
      description = "Tool calls to allow, comma-separated and repeatable, in Claude Code syntax: Read, Grep,"
          + " Bash(git diff:*) (a command prefix), Bash(npm test) (an exact command), Edit(src/**) (a path glob)."
          + " Default: none, so every tool call is denied; with --demo: " + OfflineDemo.ALLOWED_TOOLS_TEXT + ".")
  List<String> allowedTools = new ArrayList<>();

  @Option(names = "--disallowed-tools", paramLabel = "PATTERNS",
      description = "Tool calls to always deny, same syntax; they win over --allowed-tools (default: none).")
  List<String> disallowedTools = new ArrayList<>();

  @Option(names = "--policy", paramLabel = "FILE",
      description = "A policy file (YAML or JSON, see docs/policy.md) applied on top of the shipped default policy,"
          + " which every tool call also has to pass, even an allowed one (default: the shipped policy alone).")
  Path policyFile;

  @Mixin
  SandboxOption sandbox;

  @Option(names = "--audit-log", paramLabel = "FILE",
      description = "Append every tool-call decision as one JSON line to FILE, and end the run with a summary"
          + " of allowed and denied calls. A decision that cannot be written denies its call and makes the run"
          + " exit with status 3 (default: no audit file).")
  Path auditLog;

  @Mixin
  EnvironmentOptions environmentOptions;

  @Option(names = "--model", paramLabel = "MODEL", description = "The model (default: the agent's default).")
  String model;

  @Option(names = "--permission-mode", paramLabel = "MODE",
      description = "The agent's permission mode, e.g. plan for claude (default: the agent's default).")
  String permissionMode;

  @Option(names = "--max-turns", paramLabel = "N", defaultValue = "0",
      description = "Most model round trips per prompt; 0 means no limit (default: ${DEFAULT-VALUE}).")
  int maxTurns;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Time limit per prompt, like 90s, 10m, 1h30m or ISO-8601 PT10M; a prompt that runs longer is"
          + " cancelled and fails (default: " + DEFAULT_TIMEOUT + ").")
  Duration timeout;

  @Option(names = "--base-url", paramLabel = "URL", converter = BaseUrlConverter.class,
      description = "The model endpoint root: scheme://host:port plus an optional path prefix, without /v1"
          + " (default: the provider's own API).")
  String baseUrl;

  @Option(names = "--cli-path", paramLabel = "PATH",
      description = "The agent executable (default: found on PATH, or in $HOTPLEX_AGENTS_DIR where"
          + " scripts/install-agents puts it).")
  Path cliPath;

  @Option(names = "--agent-home", paramLabel = "DIR",
      description = "The HOME the agent runs with (its settings and transcripts live there), e.g. an empty folder"
          + " to keep CI runs apart (default: your HOME; with --demo: a temporary folder).")
  Path agentHome;

  @Option(names = "--append-system-prompt", paramLabel = "TEXT",
      description = "Text appended to the agent's system prompt (default: none).")
  String appendSystemPrompt;

  @Option(names = "--demo", description = "Use the offline demo model on 127.0.0.1 instead of a real one: no API"
      + " key needed, no real AI called. Its answers are scripted and say so.")
  boolean demo;

  @Mixin
  OutputOptions output;

  @Parameters(arity = "1..*", paramLabel = "PROMPT", description = "The prompts, run in this order.")
  List<String> prompts;

  @Override
  public Integer call() throws InterruptedException {
    AgentProvider agent = provider();
    SessionOptions.Builder options = sessionOptions(agent);
    Policy policy = policy();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // The CLI's own configuration (Codex, OpenCode, Gemini) goes into a private folder of this run, deleted after.
    try (OfflineDemo offline = demo ? OfflineDemo.start() : null;
        TempFolder state = TempFolder.create("hotplex-run-", "the agent's per-run configuration")) {
      List<String> tools = allowedTools;
      Path home = agentHome;
      if (offline != null) {
        err.println(offline.banner(output.ascii));
        err.flush();
        offline.configure(options, agent.apiKeyVariable());
        tools = allowedTools.isEmpty() ? OfflineDemo.ALLOWED_TOOLS : allowedTools;
        home = agentHome == null ? offline.home() : agentHome;
      }
      options.allowedTools(tools).agentHome(home).stateDir(state.path()).policy(policy)
          .sandbox(ParentWatch.aroundThisProcess(sandbox.sandbox())); // a hard-killed run leaves no agent behind
      PromptRunner runner = new PromptRunner(out, err, output);
      AtomicReference<Session> running = new AtomicReference<>();
      try (AuditLog audit = openAuditLog(options)) {
        if (audit != null) {
          options.decisionListener(audit.listenerFor("cli",
              () -> running.get() == null ? 0 : running.get().turnCount()));
        }
        int status;
        try (Session session = root.context().sessions().apply(options.build())) {
          running.set(session);
          status = runner.run(session, prompts);
        } finally {
          if (audit != null) {
            audit.summary().lines().forEach(err::println);
            err.println("audit log: " + audit.file());
            err.flush();
          }
        }
        return audit == null ? status : withCompleteAudit(audit, status, err);
      }
    }
  }

  /**
   * A run whose audit trail misses decisions does not pass: those calls were denied, and a CI job that asked for
   * an audit log must not look green without one.
   */
  private static int withCompleteAudit(AuditLog audit, int status, PrintWriter err) {
    if (audit.unrecorded() == 0) {
      return status;
    }
    err.println("hotplex: " + audit.unrecorded() + " tool-call decision(s) could not be written to the audit log,"
        + " so those calls were denied and the run fails: " + audit.firstFailure().orElse("") + " Make the audit"
        + " log's location writable (free disk space) and run again.");
    err.flush();
    return status == HotplexMain.EXIT_OK ? HotplexMain.EXIT_ERROR : status;
  }

  private AgentProvider provider() {
    AgentProvider agent;
    try {
      agent = root.context().providers().get(provider);
    } catch (IllegalArgumentException unknown) {
      throw usage(unknown.getMessage());
    }
    if (demo && baseUrl != null) {
      throw usage("--demo uses the offline demo model; leave out --base-url (or --demo to use " + baseUrl + ")");
    }
    if (!demo && baseUrl == null && apiKey(agent) == null) {
      throw usage(agent.apiKeyVariable() + " is not set. Set it to your API key (export " + agent.apiKeyVariable()
          + "=...), or try the offline demo model with --demo.");
    }
    return agent;
  }

  /** The provider's key from the environment, or null when unset or blank. */
  private String apiKey(AgentProvider agent) {
    String key = root.context().environment().get(agent.apiKeyVariable());
    return key == null || key.isBlank() ? null : key;
  }

  /** The session options from the flags; checked here so that bad input fails before anything starts. */
  private SessionOptions.Builder sessionOptions(AgentProvider agent) {
    if (!Files.isDirectory(workDir)) {
      throw usage("--work-dir " + workDir + " is not a directory");
    }
    if (agentHome != null && !Files.isDirectory(agentHome)) {
      throw usage("--agent-home " + agentHome + " is not a directory; create it first");
    }
    if (cliPath != null && !Files.isExecutable(cliPath)) {
      throw usage("--cli-path " + cliPath + " is not an executable file");
    }
    if (maxTurns < 0) {
      throw usage("--max-turns must be 0 (no limit) or more, not " + maxTurns);
    }
    try {
      ToolPattern.parseAll(allowedTools);
      ToolPattern.parseAll(disallowedTools);
    } catch (IllegalArgumentException malformed) {
      throw usage("bad tool pattern: " + malformed.getMessage());
    }
    SessionOptions.Builder options = SessionOptions.builder()
        .provider(agent.id())
        .workDir(workDir)
        .allowedTools(allowedTools)
        .disallowedTools(disallowedTools)
        .model(model)
        .permissionMode(permissionMode)
        .maxTurns(maxTurns)
        .appendSystemPrompt(appendSystemPrompt)
        .baseUrl(baseUrl)
        .agentHome(agentHome)
        .cliPath(cliPath);
    if (timeout != null) {
      options.turnTimeout(timeout);
    }
    String key = apiKey(agent);
    if (key != null && !demo) {
      // From the command's environment rather than the engine's host pass-through, so both read the same key.
      options.environment(agent.apiKeyVariable(), key).addSecret(key);
    }
    environmentOptions.applyTo(options, root.context().environment());
    return options;
  }

  /** The audit log for --audit-log, masking the run's secrets; null without the option. */
  private AuditLog openAuditLog(SessionOptions.Builder options) {
    if (auditLog == null) {
      return null;
    }
    try {
      return AuditLog.open(auditLog, SecretMasker.of(options.build().secrets()));
    } catch (AuditLogException unwritable) {
      throw usage("--audit-log: " + unwritable.getMessage());
    }
  }

  /** The shipped policy with --policy on top; a broken file is a usage error, found before anything starts. */
  private Policy policy() {
    try {
      return Policy.load(policyFile);
    } catch (PolicyFileException broken) {
      throw usage(broken.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
