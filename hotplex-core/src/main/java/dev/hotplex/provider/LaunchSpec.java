package dev.hotplex.provider;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to start a provider's CLI: the arguments after the executable, the variables it needs, and which of the
 * host's variables it may see.
 *
 * @param args arguments after the executable path
 * @param environment variables set for the CLI (e.g. {@code ANTHROPIC_BASE_URL}); they win over the host's
 * @param passThroughVariables host variables the CLI may inherit beyond the engine's base allow-list (e.g. the
 *     provider's key variable {@code ANTHROPIC_API_KEY})
 * @param secretVariables variables whose values are secrets: masked wherever hotplex prints or stores text
 */
public record LaunchSpec(List<String> args, Map<String, String> environment, Set<String> passThroughVariables,
    Set<String> secretVariables) {

  public LaunchSpec {
    args = List.copyOf(args);
    environment = Map.copyOf(environment);
    passThroughVariables = Set.copyOf(passThroughVariables);
    secretVariables = Set.copyOf(secretVariables);
  }
}
