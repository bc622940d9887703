package dev.hotplex.policy;

/** What a tool call does, independent of the provider's tool names. */
public enum ToolKind {
  SHELL, READ, WRITE, EDIT, SEARCH, FETCH, MCP, OTHER
}
