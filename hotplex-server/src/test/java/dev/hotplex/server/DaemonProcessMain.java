package dev.hotplex.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/** Runs a test daemon in its own JVM (for the kill -9 test): {@code DaemonProcessMain <dir>}. */
public final class DaemonProcessMain {
  private DaemonProcessMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    HotplexServer server = HotplexServer.builder().listen(new InetSocketAddress("127.0.0.1", 0))
        .stateDir(dir.resolve("state")).sessionDefaults(DaemonFixture.sessionDefaults(dir)).build().start();
    System.out.println("endpoint " + server.endpoint());
    System.out.flush();
    server.awaitStop();
  }
}
