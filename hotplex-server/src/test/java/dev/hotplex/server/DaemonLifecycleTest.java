package dev.hotplex.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotplex.client.SessionInfo;
import dev.hotplex.event.TurnResult;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DaemonLifecycleTest {
  private static final Duration IDLE_EXIT = Duration.ofSeconds(2);
  @TempDir Path dir;

  private static boolean awaitStopped(HotplexServer server) throws InterruptedException {
    long deadline = System.nanoTime() + DaemonFixture.TIMEOUT.toNanos();
    while (!server.stopped() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return server.stopped();
  }

  @Test
  void daemonExitsByItselfAfterIdleTimeWithoutSessionsOrClientsAndRemovesItsDiscoveryFile() throws Exception {
    try (DaemonFixture daemon = new DaemonFixture(dir, HotplexServer.builder().idleExit(IDLE_EXIT))) {
      assertThat(daemon.get("/v1/stats").statusCode()).isEqualTo(200);
      assertThat(daemon.server.discoveryFile()).exists();

      assertThat(awaitStopped(daemon.server)).isTrue();
      assertThat(daemon.server.discoveryFile()).doesNotExist();
    }
  }

  @Test
  void shutdownRequestClosesEverySessionAndStopsTheDaemon() throws Exception {
    DaemonFixture daemon = new DaemonFixture(dir);
    try {
      SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("ends-with-the-daemon"));
      daemon.client.streamEvents(session.id(), daemon.client.startTurn(session.id(), "hi"), 0, (seq, e) -> { });
      long agentPid = daemon.client.session(session.id()).pid();

      daemon.client.shutdown();

      assertThat(awaitStopped(daemon.server)).isTrue();
      assertThat(daemon.server.discoveryFile()).doesNotExist();
      assertThat(ProcessHandle.of(agentPid).map(ProcessHandle::isAlive)).as("agent pid " + agentPid)
          .isNotEqualTo(java.util.Optional.of(true));
    } finally {
      daemon.close();
    }
  }

  @Test
  void daemonWithALiveSessionDoesNotIdleExitUntilTheSessionCloses() throws Exception {
    try (DaemonFixture daemon = new DaemonFixture(dir, HotplexServer.builder().idleExit(IDLE_EXIT))) {
      SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("keeps-it-up"));
      daemon.client.streamEvents(session.id(), daemon.client.startTurn(session.id(), "hi"), 0, (seq, e) -> { });

      Thread.sleep(IDLE_EXIT.multipliedBy(3).toMillis());
      assertThat(daemon.server.stopped()).as("a live agent keeps the daemon up").isFalse();

      daemon.client.closeSession(session.id());
      assertThat(awaitStopped(daemon.server)).isTrue();
    }
  }

  @Test
  void sessionWhoseAgentIdledOutResumesItsConversationInANewProcess() throws Exception {
    try (DaemonFixture daemon = new DaemonFixture(dir,
        HotplexServer.builder().sessionIdleTimeout(Duration.ofSeconds(1)))) {
      SessionInfo session = daemon.client.createOrReuseSession(daemon.spec("resumable"));
      TurnResult first = daemon.client.streamEvents(session.id(), daemon.client.startTurn(session.id(), "one"), 0,
          (seq, e) -> { });
      long deadline = System.nanoTime() + DaemonFixture.TIMEOUT.toNanos();
      while (daemon.client.session(session.id()).alive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(daemon.client.session(session.id()).alive()).as("the pool closed the idle agent").isFalse();

      TurnResult second = daemon.client.streamEvents(session.id(), daemon.client.startTurn(session.id(), "two"), 0,
          (seq, e) -> { });

      assertThat(second.isError()).as(second.errorMessage()).isFalse();
      assertThat(second.text()).isEqualTo("ECHO: two");
      assertThat(first.agentSessionId()).isNotNull();
      List<String> launches = Files.readAllLines(DaemonFixture.argvFile(dir));
      assertThat(launches).hasSize(2);
      assertThat(launches.get(1)).as("the new process resumes the conversation").contains("--resume")
          .contains(first.agentSessionId());
    }
  }

  @Test
  void secondDaemonOnTheSameStateFolderIsRefused() throws Exception {
    try (DaemonFixture daemon = new DaemonFixture(dir)) {
      assertThatThrownBy(() -> HotplexServer.builder().listen(new InetSocketAddress("127.0.0.1", 0))
          .stateDir(daemon.server.stateDir()).build())
          .isInstanceOf(java.io.IOException.class).hasMessageContaining("Another hotplex daemon")
          .hasMessageContaining(daemon.server.endpoint());
      assertThat(Files.readString(daemon.server.discoveryFile())).contains(daemon.server.endpoint());
    }
  }

  @Test
  void daemonRefusesToListenBeyondLoopback() {
    assertThatThrownBy(() -> HotplexServer.builder().listen(new InetSocketAddress("0.0.0.0", 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback only");
  }

  @Test
  void unixSocketIsOwnerOnlyAndNeedsTheToken() throws Exception {
    Path socket = dir.resolve("hotplex.sock");
    try (HotplexServer server = HotplexServer.builder().socket(socket).stateDir(dir.resolve("state"))
        .sessionDefaults(DaemonFixture.sessionDefaults(dir)).build().start()) {
      String token = Files.readString(server.tokenFile()).strip();
      assertThat(server.endpoint()).isEqualTo("unix:" + socket);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");

      assertThat(exchange(socket, "")).startsWith("HTTP/1.1 401");
      assertThat(exchange(socket, "Authorization: Bearer " + token + "\r\n")).startsWith("HTTP/1.1 200")
          .contains("\"liveAgents\":0");
    }
  }

  /** One raw HTTP/1.1 request over the Unix socket (the JDK's HttpClient cannot use one). */
  private static String exchange(Path socket, String headers) throws Exception {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      String request = "GET /v1/stats HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n";
      channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(8192);
      while (channel.read(buffer) > 0) {
        response.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      return response.toString(StandardCharsets.UTF_8);
    }
  }
}
