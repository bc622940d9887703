package dev.hotplex.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * A tool call the agent asks to make, normalized by its provider so that the policy never needs to know the
 * provider's tool names ({@code Bash}, {@code bash}, {@code exec_command}, {@code run_shell_command} are all
 * {@link ToolKind#SHELL}).
 *
 * @param provider the provider id, e.g. {@code claude}
 * @param toolName the provider's own tool name, e.g. {@code Bash}
 * @param toolUseId the provider's id of this call (may be null)
 * @param kind what the call does
 * @param command the shell command line for {@link ToolKind#SHELL}, else null
 * @param paths every file path the call names directly (file tools' paths, as given; not resolved)
 * @param urls every URL the call names
 * @param input the provider's raw input, unchanged
 * @param cwd the agent's working directory (the jail root unless the session says otherwise)
 */
public record ToolCall(String provider, String toolName, String toolUseId, ToolKind kind, String command,
    List<String> paths, List<String> urls, JsonNode input, Path cwd) {

  public ToolCall {
    paths = paths == null ? List.of() : List.copyOf(paths);
    urls = urls == null ? List.of() : List.copyOf(urls);
  }
}
