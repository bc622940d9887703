package dev.hotplex.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.session.Session;
import dev.hotplex.session.SessionKey;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.session.SessionPool;
import dev.hotplex.session.Turn;
import dev.hotplex.testkit.model.FakeModelServer;
import dev.hotplex.testkit.model.ModelReply;
import dev.hotplex.testkit.model.ModelRequest;
import dev.hotplex.testkit.RealAgents;
import dev.hotplex.testkit.process.ProcessTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine with the REAL Claude Code CLI against the test kit's fake model: what issue 2 promises users.
 * Skipped (with a message) only where the pinned CLI is not installed; {@code .ci/run} installs it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClaudeCodeSessionTest {
  private static final SessionKey KEY = SessionKey.of("it", "claude");

  @TempDir Path workDir;
  @TempDir Path agentHome;
  private FakeModelServer model;
  private SessionPool pool;
  private final List<AgentEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startModel() {
    assumeTrue(RealAgents.claude().isPresent(), RealAgents.NOT_INSTALLED);
    model = FakeModelServer.start();
    pool = SessionPool.builder().build();
  }

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
    if (model != null) {
      model.close();
    }
  }

  private SessionOptions.Builder options() {
    return SessionOptions.builder()
        .workDir(workDir)
        .baseUrl(model.baseUrl())
        .agentHome(agentHome)
        .environment("ANTHROPIC_API_KEY", "sk-ant-fake-integration")
        .turnTimeout(Duration.ofSeconds(60))
        .interruptGrace(Duration.ofSeconds(5));
  }

  private TurnResult run(Session session, String prompt) throws InterruptedException {
    return session.send(prompt, events::add).await();
  }

  @Test
  void secondTurnReusesWarmProcessAndSeesFirstTurnContext() throws Exception {
    Session session = pool.open(KEY, options().build());

    TurnResult first = run(session, "remember the word PAPAYA");
    long pid = session.pid().orElseThrow();
    TurnResult second = run(session, "which word did I ask you to remember?");

    assertThat(first.success()).as(first.errorMessage()).isTrue();
    assertThat(second.success()).as(second.errorMessage()).isTrue();
    assertThat(second.text()).isEqualTo("ECHO: which word did I ask you to remember?");
    assertThat(session.pid()).contains(pid);
    ModelRequest last = model.requests().get(model.requests().size() - 1);
    assertThat(last.userTexts()).contains("remember the word PAPAYA");
    assertThat(second.usage().inputTokens()).isPositive();
    assertThat(second.agentSessionId()).isEqualTo(first.agentSessionId()).isNotBlank();
  }

  @Test
  void deniedToolCallNeverRunsAndTheModelReceivesTheReason() throws Exception {
    model.when(ModelRequest::lastUserTextContains, "RUNTOOL").once()
        .reply(ModelReply.bash("echo pwned > denied.txt", "write a file"));
    Session session = pool.open(KEY, options().addAllowedTools("Read").build());

    TurnResult result = run(session, "please RUNTOOL now");

    assertThat(workDir.resolve("denied.txt")).doesNotExist();
    assertThat(result.permissionDenials()).hasSize(1);
    assertThat(events).filteredOn(AgentEvents.ToolDecision.class::isInstance)
        .map(AgentEvents.ToolDecision.class::cast)
        .singleElement()
        .satisfies(d -> assertThat(d.allowed()).isFalse());
    ModelRequest followUp = model.requests().stream().filter(r -> r.toolResult().isPresent()).findFirst()
        .orElseThrow();
    assertThat(followUp.toolResult().get().isError()).isTrue();
    assertThat(followUp.toolResult().get().content()).contains("not in the allowed tools");
  }

  @Test
  void allowedToolCallRuns() throws Exception {
    model.when(ModelRequest::lastUserTextContains, "RUNTOOL").once()
        .reply(ModelReply.bash("echo hello > allowed.txt", "write a file"));
    Session session = pool.open(KEY, options().addAllowedTools("Bash(echo:*)").build());

    TurnResult result = run(session, "please RUNTOOL now");

    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(workDir.resolve("allowed.txt")).hasContent("hello");
    assertThat(result.toolCalls()).isEqualTo(1);
    assertThat(result.permissionDenials()).isEmpty();
  }

  @Test
  void interruptEndsTheRunningTurnAndTheProcessStaysUsable() throws Exception {
    model.when(ModelRequest::lastUserTextContains, "SLOW").once()
        .reply(ModelReply.text("too late").after(Duration.ofSeconds(60)));
    Session session = pool.open(KEY, options().build());
    run(session, "warm up");
    long pid = session.pid().orElseThrow();

    Turn slow = session.send("SLOW please", events::add);
    model.awaitRequests(2, Duration.ofSeconds(30));
    session.interrupt();
    TurnResult interrupted = slow.await();
    TurnResult after = run(session, "after interrupt");

    assertThat(interrupted.isError()).isTrue();
    assertThat(after.success()).as(after.errorMessage()).isTrue();
    assertThat(session.pid()).contains(pid);
  }

  @Test
  void turnTimeoutFailsTheTurnAndTheNextTurnStillWorks() throws Exception {
    model.when(ModelRequest::lastUserTextContains, "SLOW").once()
        .reply(ModelReply.text("too late").after(Duration.ofSeconds(60)));
    Session session = pool.open(KEY, options().turnTimeout(Duration.ofSeconds(3)).build());

    TurnResult timedOut = run(session, "SLOW please");
    TurnResult next = run(session, "are you there?");

    assertThat(timedOut.isError()).isTrue();
    assertThat(timedOut.subtype()).isEqualTo("error_timeout");
    assertThat(timedOut.errorMessage()).containsIgnoringCase("time");
    assertThat(next.success()).as(next.errorMessage()).isTrue();
  }

  @Test
  void processKilledMidTurnFailsClearlyAndTheNextTurnResumesTheConversation() throws Exception {
    model.when(ModelRequest::lastUserTextContains, "SLOW").once()
        .reply(ModelReply.text("too late").after(Duration.ofSeconds(60)));
    Session session = pool.open(KEY, options().build());
    TurnResult first = run(session, "remember the word KUMQUAT");
    long pid = session.pid().orElseThrow();

    Turn slow = session.send("SLOW please", events::add);
    model.awaitRequests(2, Duration.ofSeconds(30));
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    TurnResult killed = slow.await();
    TurnResult resumed = run(session, "which word?");

    assertThat(killed.isError()).isTrue();
    assertThat(killed.subtype()).isEqualTo("error_process_exited");
    assertThat(resumed.success()).as(resumed.errorMessage()).isTrue();
    assertThat(session.pid()).isPresent().get().isNotEqualTo(pid);
    assertThat(resumed.agentSessionId()).isEqualTo(first.agentSessionId());
    ModelRequest last = model.requests().get(model.requests().size() - 1);
    assertThat(last.userTexts()).contains("remember the word KUMQUAT", "which word?");
  }

  @Test
  void backgroundDaemonsStartedByAToolDieWithTheSession() throws Exception {
    String marker = "60" + ProcessHandle.current().pid() % 10_000 + "7";
    model.when(ModelRequest::lastUserTextContains, "RUNTOOL").once().reply(ModelReply.bash(
        "nohup sleep " + marker + " >/dev/null 2>&1 & setsid sleep " + marker + " >/dev/null 2>&1 & echo started",
        "start daemons"));
    Session session = pool.open(KEY, options().addAllowedTools("Bash").build());

    TurnResult result = run(session, "please RUNTOOL now");
    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(ProcessTable.withArgument(marker)).as("daemons running before close").isNotEmpty();
    session.close();

    assertThat(afterDeath(marker)).as("processes left after close").isEmpty();
  }

  /** The processes with {@code argument} once killed ones had time to vanish (on a loaded machine, a few ms). */
  private static List<Long> afterDeath(String argument) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<Long> left = ProcessTable.withArgument(argument);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      left = ProcessTable.withArgument(argument);
    }
    return left;
  }
}
