/**
 * What a CI step does around the daemon, outside any CI server's API, so that the Jenkins plugin stays a thin
 * layer and everything it decides is tested here: the step's options and their checks
 * ({@link dev.hotplex.client.ci.StepOptions}), session and state names ({@link dev.hotplex.client.ci.CiNames}),
 * the agent jar checked by hash ({@link dev.hotplex.client.ci.AgentJar}), starting a detached daemon
 * ({@link dev.hotplex.client.ci.DaemonLaunch}), starting turns in warm sessions
 * ({@link dev.hotplex.client.ci.CiTurns}), reading a turn's event log from an offset
 * ({@link dev.hotplex.client.ci.TurnLogTail}), rendering it for a build log with secrets masked
 * ({@link dev.hotplex.client.ci.CiConsole}) and turning the result into the step's return value or failure
 * ({@link dev.hotplex.client.ci.StepOutcome}).
 */
package dev.hotplex.client.ci;
