package dev.hotplex.cli;

import dev.hotplex.Hotplex;
import dev.hotplex.provider.ProviderRegistry;
import dev.hotplex.session.Session;
import dev.hotplex.session.SessionOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What the commands take from the world, so that tests can run them in-process: the environment variables, the
 * hotplex checkout (for the demo's sample repository), the providers and how sessions are opened.
 *
 * @param environment the variables the commands read (the provider's API key)
 * @param projectDir the hotplex checkout: {@code hotplex.project.dir}, else {@code HOTPLEX_PROJECT_DIR} (set by
 *     the {@code ./hotplex} launcher), else the current directory
 * @param providers the known agent providers
 * @param sessions opens a standalone session
 */
record CliContext(Map<String, String> environment, Path projectDir, ProviderRegistry providers,
    Function<SessionOptions, Session> sessions) {

  /** The real environment, the real engine. */
  static CliContext system() {
    return withEnvironment(System.getenv());
  }

  /** The real engine and providers with the given variables. */
  static CliContext withEnvironment(Map<String, String> environment) {
    String dir = System.getProperty("hotplex.project.dir", environment.get("HOTPLEX_PROJECT_DIR"));
    Path projectDir = dir == null || dir.isBlank() ? Path.of("") : Path.of(dir);
    ProviderRegistry providers = ProviderRegistry.load();
    return new CliContext(Map.copyOf(environment), projectDir.toAbsolutePath().normalize(), providers,
        options -> Hotplex.session(options, providers));
  }
}
