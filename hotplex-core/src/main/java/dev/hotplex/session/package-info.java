/**
 * Warm agent sessions: {@link dev.hotplex.session.SessionPool} keys, limits, idles out and pre-warms them; each
 * {@link dev.hotplex.session.Session} reuses one long-lived agent process across turns, one
 * {@link dev.hotplex.session.Turn} at a time, and reports every failure as a failed
 * {@link dev.hotplex.event.TurnResult}, never as success. The standalone entry point is
 * {@code dev.hotplex.Hotplex.session(options)}.
 */
package dev.hotplex.session;
