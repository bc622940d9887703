package dev.hotplex.transport;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The environment an agent process gets: an allow-list of the host's variables, never the whole host environment,
 * so that a CI job's {@code AWS_SECRET_ACCESS_KEY} or {@code GITHUB_TOKEN} never reaches the agent unless asked for.
 *
 * <pre>{@code
 * Map<String, String> env = AgentEnvironment.from(System.getenv())
 *     .pass(spec.passThroughVariables())      // e.g. ANTHROPIC_API_KEY
 *     .set(spec.environment())                // the provider's own variables
 *     .build();
 * }</pre>
 *
 * <p>Order: the host's {@link #BASE_VARIABLES} and {@code LC_*} variables, then the host variables named by
 * {@link #pass}, then the values given to {@link #set}, later calls winning.
 */
public final class AgentEnvironment {
  /** Host variables every agent inherits (plus every {@code LC_*} locale variable). */
  public static final List<String> BASE_VARIABLES =
      List.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "TERM", "TZ", "TMPDIR", "JAVA_HOME");
  private static final String LOCALE_PREFIX = "LC_";

  private final Map<String, String> host;
  private final Map<String, String> result = new LinkedHashMap<>();

  private AgentEnvironment(Map<String, String> host) {
    this.host = Map.copyOf(host);
    host.forEach((name, value) -> {
      if (BASE_VARIABLES.contains(name) || name.startsWith(LOCALE_PREFIX)) {
        result.put(name, value);
      }
    });
  }

  /** Starts from the base allow-list of {@code host}. */
  public static AgentEnvironment from(Map<String, String> host) {
    return new AgentEnvironment(Objects.requireNonNull(host, "host"));
  }

  /** Also inherits these host variables, when the host has them. */
  public AgentEnvironment pass(Collection<String> names) {
    for (String name : names) {
      String value = host.get(name);
      if (value != null) {
        result.put(name, value);
      }
    }
    return this;
  }

  /** Sets these variables, replacing inherited ones. */
  public AgentEnvironment set(Map<String, String> variables) {
    result.putAll(variables);
    return this;
  }

  /** Sets one variable, replacing an inherited one. */
  public AgentEnvironment set(String name, String value) {
    result.put(name, value);
    return this;
  }

  public Map<String, String> build() {
    return Map.copyOf(result);
  }
}
