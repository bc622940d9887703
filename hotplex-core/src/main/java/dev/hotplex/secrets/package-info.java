/**
 * Secrets in one place: {@link dev.hotplex.secrets.SecretMasker} decides what is secret and masks it in every
 * encoded form with one pattern; {@link dev.hotplex.secrets.ChunkMasker} and
 * {@link dev.hotplex.secrets.MaskingWriter} do the same for streams that arrive in pieces;
 * {@link dev.hotplex.secrets.SecretMasker#maskThrowable(Throwable)} for exception chains. Logs, events, the audit
 * log and outputs all pass through here; nothing else in hotplex masks on its own.
 */
package dev.hotplex.secrets;
