/**
 * The audit trail of permission decisions: {@link dev.hotplex.audit.AuditLog} writes each
 * {@link dev.hotplex.audit.AuditRecord} as one masked JSON line and sums them up in an
 * {@link dev.hotplex.audit.AuditSummary} for the end of a CI run.
 */
package dev.hotplex.audit;
