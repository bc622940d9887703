package dev.hotplex.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/** Finds providers through {@link ServiceLoader}, so the engine names none of them. */
public final class ProviderRegistry {
  private final Map<String, AgentProvider> providers = new LinkedHashMap<>();

  private ProviderRegistry() {}

  /** The providers on the class path. */
  public static ProviderRegistry load() {
    ProviderRegistry registry = new ProviderRegistry();
    for (AgentProvider provider : ServiceLoader.load(AgentProvider.class, ProviderRegistry.class.getClassLoader())) {
      registry.providers.putIfAbsent(provider.id(), provider);
    }
    return registry;
  }

  /** A registry of exactly these providers (the first of each id wins), e.g. for tests or embedding. */
  public static ProviderRegistry of(AgentProvider... providers) {
    ProviderRegistry registry = new ProviderRegistry();
    for (AgentProvider provider : providers) {
      registry.providers.putIfAbsent(provider.id(), provider);
    }
    return registry;
  }

  /**
   * The provider with this id.
   *
   * @throws IllegalArgumentException naming the known providers when there is none
   */
  public AgentProvider get(String id) {
    AgentProvider provider = providers.get(id);
    if (provider == null) {
      throw new IllegalArgumentException("Unknown provider '" + id + "'. Known providers: " + providers.keySet());
    }
    return provider;
  }

  public Set<String> ids() {
    return Set.copyOf(providers.keySet());
  }
}
