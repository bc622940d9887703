package dev.hotplex.policy;

import java.time.Instant;

/**
 * One decided tool call, for the audit log.
 *
 * @param time when the decision was made
 * @param call the call that was decided
 * @param decision the final decision ({@link Decision#ASK} never appears: it is resolved to allow or deny)
 * @param ruleId the deciding rule id, or null
 * @param reason the reason given to the model
 * @param source which layer decided: {@code tools} (allowed/disallowed tool patterns), {@code policy},
 *     {@code approver} or {@code error}
 */
public record DecisionRecord(Instant time, ToolCall call, Decision decision, String ruleId, String reason,
    String source) {}
