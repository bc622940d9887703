package dev.hotplex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.server.HotplexServer;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.testkit.fakecli.FakeAgentCli;
import dev.hotplex.testkit.fakecli.FakeCliLauncher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(60)
class ServeAndSendCommandTest {
  @TempDir Path dir;

  private record Outcome(int status, String out, String err) {}

  private static Outcome run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(args);
    return new Outcome(status, out.toString(), err.toString());
  }

  @Test
  void servePrintsWhereToConnectButNeverTheTokenAndExitsWhenIdle() throws Exception {
    Path state = dir.resolve("state");
    CompletableFuture<Outcome> serve = CompletableFuture.supplyAsync(() -> run(new ServeCommand(),
        "--listen", "127.0.0.1:0", "--state-dir", state.toString(), "--idle-exit", "2s"));

    Outcome outcome = serve.get(30, TimeUnit.SECONDS);

    String token = Files.readString(state.resolve("token")).strip();
    assertThat(outcome.status()).as(outcome.err()).isEqualTo(HotplexMain.EXIT_OK);
    assertThat(outcome.out()).contains("hotplex daemon listening on http://127.0.0.1:")
        .contains("discovery file: " + state.resolve("daemon.json"))
        .contains("token file: " + state.resolve("token")).doesNotContain(token);
    assertThat(state.resolve("daemon.json")).doesNotExist();
  }

  @Test
  void serveRefusesANonLoopbackAddress() {
    Outcome outcome = run(new ServeCommand(), "--listen", "0.0.0.0:7777", "--state-dir", dir.toString());

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(outcome.err()).contains("loopback");
  }

  @Test
  void serveRejectsAnUnknownSandboxModeBeforeListening() {
    Outcome outcome = run(new ServeCommand(), "--listen", "127.0.0.1:0", "--state-dir", dir.toString(),
        "--sandbox", "sometimes");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_USAGE);
    assertThat(outcome.err()).contains("--sandbox sometimes").contains("[off, auto, required]");
    assertThat(dir.resolve("daemon.json")).doesNotExist();
  }

  @Test
  void sendStreamsTheTurnFromARunningDaemonAndReusesTheSession() throws Exception {
    Path cli = FakeCliLauncher.write(dir.resolve("bin"), FakeAgentCli.Mode.NORMAL);
    SessionOptions defaults = SessionOptions.builder().cliPath(cli)
        .agentHome(Files.createDirectories(dir.resolve("home"))).build();
    Path work = Files.createDirectories(dir.resolve("work"));
    try (HotplexServer server = HotplexServer.builder().listen(new InetSocketAddress("127.0.0.1", 0))
        .stateDir(dir.resolve("state")).sessionDefaults(defaults).build().start()) {
      String[] common = {"--state-dir", server.stateDir().toString(), "--session", "s1", "--work-dir",
          work.toString()};

      Outcome first = run(new SendCommand(), concat(common, "--json", "hello over the daemon"));
      Outcome second = run(new SendCommand(), concat(common, "and again"));

      assertThat(first.status()).as(first.err()).isEqualTo(HotplexMain.EXIT_OK);
      assertThat(first.out()).contains("{\"type\":\"result\"").contains("ECHO: hello over the daemon");
      assertThat(second.status()).as(second.err()).isEqualTo(HotplexMain.EXIT_OK);
      assertThat(second.out()).contains("ECHO: and again");
      assertThat(Files.list(server.stateDir().resolve("sessions")).count()).as("one re-used session").isEqualTo(1);
    }
  }

  @Test
  void sendCreatesTheSessionWithTheProviderItWasAskedFor() throws Exception {
    SessionOptions defaults = SessionOptions.builder().agentHome(Files.createDirectories(dir.resolve("home")))
        .build();
    Path work = Files.createDirectories(dir.resolve("work"));
    try (HotplexServer server = HotplexServer.builder().listen(new InetSocketAddress("127.0.0.1", 0))
        .stateDir(dir.resolve("state")).sessionDefaults(defaults).build().start()) {
      Outcome outcome = run(new SendCommand(), "--state-dir", server.stateDir().toString(), "--session", "s1",
          "--work-dir", work.toString(), "--provider", "no-such-agent", "hello");

      // The daemon judged the provider asked for; it did not quietly create a claude session instead.
      assertThat(outcome.status()).isNotEqualTo(HotplexMain.EXIT_OK);
      assertThat(outcome.err()).contains("no-such-agent").doesNotContain("runs provider claude");
      assertThat(dir.resolve("state").resolve("sessions")).as("nothing left of the refused session")
          .satisfiesAnyOf(sessions -> assertThat(sessions).doesNotExist(),
              sessions -> assertThat(sessions).isEmptyDirectory());
    }
  }

  @Test
  void sendWithoutADaemonSaysHowToStartOne() {
    Outcome outcome = run(new SendCommand(), "--state-dir", dir.toString(), "hello");

    assertThat(outcome.status()).isEqualTo(HotplexMain.EXIT_ERROR);
    assertThat(outcome.err()).contains("No hotplex daemon found").contains("hotplex serve");
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = new String[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }
}
