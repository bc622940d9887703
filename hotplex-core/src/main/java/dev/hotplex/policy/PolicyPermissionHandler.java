package dev.hotplex.policy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policed {@link PermissionHandler}: allowed/disallowed tool patterns first (a disallow always wins, a call
 * no allowed pattern covers is denied), then the policy rules and the workspace jail (a policy deny wins over an
 * allowed pattern). An {@code ask} goes to the {@link Approver}; without one it is denied. Every decision is
 * passed to the {@link DecisionListener}. A failure inside the policy denies the call.
 *
 * <pre>{@code
 * PermissionHandler handler = PolicyPermissionHandler.builder()
 *     .workspace(Path.of("/ci/ws/repo"))
 *     .home(Path.of(System.getProperty("user.home")))
 *     .policyFile(Path.of("/ci/ws/repo/.hotplex/policy.yaml"))   // optional
 *     .toolPatterns(List.of("Read", "Edit", "Bash"), List.of("Bash(git push:*)"))  // optional
 *     .approver((call, question) -> false)                       // optional
 *     .listener(auditLog::write)                                 // optional
 *     .build();
 * }</pre>
 */
public final class PolicyPermissionHandler implements PermissionHandler {
  /** Rule id of a denial caused by a failure inside the policy itself. */
  public static final String RULE_POLICY_ERROR = "policy.error";
  /** The rule of a call denied because its decision could not be recorded (the decision listener failed). */
  public static final String RULE_RECORD_ERROR = "audit.error";

  private static final Logger LOG = LoggerFactory.getLogger(PolicyPermissionHandler.class);

  private final AllowedToolsHandler tools;
  private final PolicyEngine engine;
  private final Approver approver;
  private final DecisionListener listener;
  private final Clock clock;

  private PolicyPermissionHandler(Builder b, PolicyEngine engine) {
    this.tools = b.allowedTools == null ? null : new AllowedToolsHandler(ToolPattern.parseAll(b.allowedTools),
        ToolPattern.parseAll(b.disallowedTools));
    this.engine = engine;
    this.approver = b.approver;
    this.listener = b.listener;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The engine deciding the policy part, e.g. to evaluate without the tool patterns. */
  public PolicyEngine engine() {
    return engine;
  }

  @Override
  public PermissionDecision decide(ToolCall call) {
    DecisionRecord record;
    try {
      record = decideRecord(call);
    } catch (RuntimeException e) {
      LOG.warn("policy failed on a {} call; denying it", call == null ? null : call.toolName(), e);
      record = new DecisionRecord(clock.instant(), call, Decision.DENY, RULE_POLICY_ERROR,
          "The policy could not evaluate this call (" + e.getClass().getSimpleName() + "), so it is denied."
              + " Try a simpler command.", "error");
    }
    if (!notify(record) && record.decision() == Decision.ALLOW) {
      // A call that cannot be recorded (e.g. the audit log's disk is full) must not run unaudited.
      return PermissionDecision.deny(RULE_RECORD_ERROR, "hotplex could not record this decision (see its log),"
          + " so the call is denied.");
    }
    return record.decision() == Decision.ALLOW ? PermissionDecision.allow(record.ruleId(), record.reason())
        : PermissionDecision.deny(record.ruleId(), record.reason());
  }

  private DecisionRecord decideRecord(ToolCall call) {
    Objects.requireNonNull(call, "call");
    PermissionDecision byTools = tools == null ? null : tools.decide(call);
    if (byTools instanceof PermissionDecision.Deny deny) {
      return new DecisionRecord(clock.instant(), call, Decision.DENY, deny.rule(), deny.reason(), "tools");
    }
    PolicyVerdict verdict = engine.evaluate(call);
    return switch (verdict.decision()) {
      case ALLOW -> new DecisionRecord(clock.instant(), call, Decision.ALLOW,
          verdict.ruleId() == null && byTools != null ? byTools.rule() : verdict.ruleId(),
          verdict.ruleId() == null && byTools != null ? byTools.reason() : verdict.reason(), "policy");
      case DENY -> new DecisionRecord(clock.instant(), call, Decision.DENY, verdict.ruleId(), verdict.reason(),
          "policy");
      case ASK -> ask(call, verdict);
    };
  }

  private DecisionRecord ask(ToolCall call, PolicyVerdict verdict) {
    if (approver == null) {
      return new DecisionRecord(clock.instant(), call, Decision.DENY, verdict.ruleId(), verdict.reason()
          + " This needs approval and no approver is configured (headless run), so it is denied.", "policy");
    }
    boolean approved;
    try {
      approved = approver.approve(call, verdict);
    } catch (RuntimeException e) {
      LOG.warn("approver failed; denying the call", e);
      approved = false;
    }
    return new DecisionRecord(clock.instant(), call, approved ? Decision.ALLOW : Decision.DENY, verdict.ruleId(),
        (approved ? "Approved: " : "Not approved: ") + verdict.reason(), "approver");
  }

  /** Tells the listener; false when it failed. */
  private boolean notify(DecisionRecord record) {
    if (listener == null) {
      return true;
    }
    try {
      listener.onDecision(record);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("decision listener failed; an allowed call is denied instead, a denied one stays denied", e);
      return false;
    }
  }

  /** Builds a {@link PolicyPermissionHandler}: {@code setX}-style methods replace earlier values. */
  public static final class Builder {
    private Path workspace;
    private Path home = Path.of(System.getProperty("user.home"));
    private Policy policy;
    private Path policyFile;
    private List<String> allowedTools;
    private List<String> disallowedTools = List.of();
    private Approver approver;
    private DecisionListener listener;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The jail root (required). */
    public Builder workspace(Path value) { workspace = value; return this; }
    /** What {@code ~} means for the agent; default: this JVM's {@code user.home}. */
    public Builder home(Path value) { home = Objects.requireNonNull(value, "home"); return this; }
    /** A user policy file applied on top of the shipped defaults; default: the defaults alone. */
    public Builder policyFile(Path value) { policyFile = value; policy = null; return this; }
    /** An already loaded policy (instead of {@link #policyFile}). */
    public Builder policy(Policy value) { policy = value; policyFile = null; return this; }
    /**
     * Allowed and disallowed tool patterns ({@link ToolPattern} syntax). When never set, the patterns are not
     * consulted and the policy alone decides.
     */
    public Builder toolPatterns(List<String> allowed, List<String> disallowed) {
      allowedTools = List.copyOf(allowed);
      disallowedTools = List.copyOf(disallowed);
      return this;
    }
    /** Who answers {@code ask}; default none: ask means deny. */
    public Builder approver(Approver value) { approver = value; return this; }
    /** Receives every decision, e.g. the audit log; default none. */
    public Builder listener(DecisionListener value) { listener = value; return this; }
    /** The clock stamped on decision records; default UTC system clock. */
    public Builder clock(Clock value) { clock = Objects.requireNonNull(value, "clock"); return this; }

    /**
     * Loads the policy and builds the handler.
     *
     * @throws PolicyFileException when the policy file is missing or wrong
     * @throws IllegalArgumentException when the workspace is missing or a tool pattern is malformed
     */
    public PolicyPermissionHandler build() {
      if (workspace == null) {
        throw new IllegalArgumentException("workspace is required: the directory the agent may change");
      }
      Policy loaded = policy != null ? policy : Policy.load(policyFile);
      return new PolicyPermissionHandler(this, new PolicyEngine(loaded, workspace, home));
    }
  }
}
