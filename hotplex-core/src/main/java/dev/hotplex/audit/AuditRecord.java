package dev.hotplex.audit;

import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One permission decision, as written to the {@link AuditLog}.
 *
 * @param time when the decision was made
 * @param session the hotplex session id
 * @param turn the turn number within the session (1 for the first)
 * @param call the tool call that was decided
 * @param decision {@value #ALLOW}, {@value #DENY} or {@value #ASK}
 * @param rule the id of the rule that decided, or null
 * @param reason why, in words (may be null)
 */
public record AuditRecord(Instant time, String session, int turn, ToolCall call, String decision, String rule,
    String reason) {

  public static final String ALLOW = "allow";
  public static final String DENY = "deny";
  public static final String ASK = "ask";

  private static final Set<String> DECISIONS = Set.of(ALLOW, DENY, ASK);

  public AuditRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(call, "call");
    if (!DECISIONS.contains(decision)) {
      throw new IllegalArgumentException("audit decision must be one of allow, deny, ask; got '" + decision + "'");
    }
  }

  /** The record of {@code decision} for {@code call}, made now. */
  public static AuditRecord of(String session, int turn, ToolCall call, PermissionDecision decision) {
    String verdict = decision instanceof PermissionDecision.Allow ? ALLOW : DENY;
    return new AuditRecord(Instant.now(), session, turn, call, verdict, decision.rule(), decision.reason());
  }
}
