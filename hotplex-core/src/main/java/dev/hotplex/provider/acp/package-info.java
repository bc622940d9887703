/**
 * The Agent Client Protocol (JSON-RPC 2.0 over stdio) shared by the providers whose CLIs speak it: OpenCode
 * ({@code opencode acp}) and the Gemini CLI ({@code gemini --acp}). {@link dev.hotplex.provider.acp.AcpProtocol}
 * is the client; {@link dev.hotplex.provider.acp.AcpAgent} holds what differs between agents.
 */
package dev.hotplex.provider.acp;
