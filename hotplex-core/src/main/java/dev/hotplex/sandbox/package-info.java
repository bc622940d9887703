/**
 * OS-level containment of agent processes, so that a policy miss is not a disaster.
 * {@link dev.hotplex.sandbox.Sandbox} is the contract; {@link dev.hotplex.sandbox.BwrapSandbox} implements it
 * with bubblewrap and {@link dev.hotplex.sandbox.Sandboxes#forMode(SandboxMode)} picks it, or no sandbox,
 * according to {@link dev.hotplex.sandbox.SandboxMode}.
 */
package dev.hotplex.sandbox;
