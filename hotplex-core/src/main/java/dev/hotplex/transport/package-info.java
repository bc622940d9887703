/**
 * Agent processes, without any protocol: {@link dev.hotplex.transport.ProcessTransport} spawns a CLI in its own
 * process group with an allow-listed environment ({@link dev.hotplex.transport.AgentEnvironment}), frames its
 * output into capped lines, keeps the end of its stderr, and stops it in bounded steps, killing whatever it left
 * running ({@link dev.hotplex.transport.ProcessReaper}). {@link dev.hotplex.transport.CliLocator} finds the CLI;
 * {@link dev.hotplex.transport.AgentThreads} holds the engine's few shared threads.
 */
package dev.hotplex.transport;
