package dev.hotplex.reliability;

import dev.hotplex.sandbox.Sandbox;
import dev.hotplex.server.HotplexServer;
import dev.hotplex.session.SessionOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A daemon in a JVM of its own, so that the suite can kill it with SIGKILL and read its log:
 * {@code ReliabilityDaemon <stateDir> <agentHome> <cliPath> <off|bwrap> [SECRET_VARIABLE ...]}. Its sessions run
 * the given CLI (the agents' API key comes from this JVM's environment, as for {@code hotplex serve}); each named
 * variable is given to the agents and declared a secret.
 */
public final class ReliabilityDaemon {
  private ReliabilityDaemon() {}

  public static void main(String[] args) throws Exception {
    SessionOptions.Builder defaults = SessionOptions.builder().agentHome(Path.of(args[1])).cliPath(Path.of(args[2]))
        .sandbox(args[3].equals("bwrap") ? ClaudeRig.bwrap() : Sandbox.NONE);
    for (String variable : Arrays.asList(args).subList(4, args.length)) {
      String value = System.getenv(variable);
      defaults.environment(variable, value).addSecret(value);
    }
    HotplexServer server = HotplexServer.builder().listen(new InetSocketAddress("127.0.0.1", 0))
        .stateDir(Path.of(args[0])).sessionDefaults(defaults.build()).build().start();
    System.out.println("endpoint " + server.endpoint());
    System.out.flush();
    server.awaitStop();
  }
}
