package dev.hotplex.sandbox;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the sandbox for a {@link SandboxMode}. bwrap is looked up on PATH and tried once per executable (a real
 * sandbox running {@code true}); the answer is cached for the life of the JVM.
 *
 * <pre>{@code
 * Sandbox sandbox = Sandboxes.forMode(SandboxMode.AUTO);
 * List<String> argv = sandbox.wrap(command, workspace, List.of(agentHome));
 * }</pre>
 */
public final class Sandboxes {
  private static final Logger LOG = LoggerFactory.getLogger(Sandboxes.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private Sandboxes() {}

  /** Same as {@link #forMode(SandboxMode, BwrapSandbox.Builder)} with the default configuration. */
  public static Sandbox forMode(SandboxMode mode) {
    return forMode(mode, BwrapSandbox.builder());
  }

  /**
   * The sandbox for {@code mode}: {@link SandboxMode#OFF} gives {@link Sandbox#NONE}; {@link SandboxMode#AUTO}
   * gives bwrap if it works here, else {@link Sandbox#NONE} with a warning logged once per JVM;
   * {@link SandboxMode#REQUIRED} gives bwrap or throws.
   *
   * @param config extra binds and masking; its executable is replaced by the bwrap found on PATH
   * @throws SandboxUnavailableException if REQUIRED and bwrap is missing or broken; the message says how to
   *     install it and carries bwrap's own error output
   */
  public static Sandbox forMode(SandboxMode mode, BwrapSandbox.Builder config) {
    return forMode(mode, config, System.getenv("PATH"));
  }

  static Sandbox forMode(SandboxMode mode, BwrapSandbox.Builder config, String pathEnv) {
    Objects.requireNonNull(mode, "mode");
    if (mode == SandboxMode.OFF) {
      return Sandbox.NONE;
    }
    BwrapProbe.Result probe = BwrapProbe.probe(pathEnv);
    if (probe.works()) {
      return config.setExecutable(probe.executable()).setVersion(probe.version()).build();
    }
    if (mode == SandboxMode.REQUIRED) {
      throw new SandboxUnavailableException("The sandbox mode is REQUIRED but " + probe.problem()
          + " Fix this, or set the sandbox mode to AUTO (sandbox when possible) or OFF.");
    }
    if (WARNED.compareAndSet(false, true)) {
      LOG.warn("Agents run WITHOUT a sandbox (mode AUTO): {} Set the sandbox mode to REQUIRED to make this an"
          + " error.", probe.problem());
    }
    return Sandbox.NONE;
  }
}
