package dev.hotplex.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.provider.codex.CodexProvider;
import dev.hotplex.testkit.RealAgents;
import dev.hotplex.session.Session;
import dev.hotplex.session.SessionKey;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.session.SessionPool;
import dev.hotplex.session.Turn;
import dev.hotplex.testkit.model.FakeModelServer;
import dev.hotplex.testkit.model.ModelReply;
import dev.hotplex.testkit.model.ModelRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine with the REAL Codex CLI ({@code codex app-server}, {@value CodexProvider#NPM_PACKAGE}) against the
 * test kit's fake model speaking the Responses API. Skipped (with a message) where the pinned CLI is not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CodexSessionTest {
  private static final SessionKey KEY = SessionKey.of("it", "codex");

  @TempDir Path workDir;
  @TempDir Path agentHome;
  @TempDir Path stateDir;
  private FakeModelServer model;
  private SessionPool pool;
  private final List<AgentEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startModel() {
    assumeTrue(RealAgents.installed("codex", "codex").isPresent(), RealAgents.notInstalled("codex"));
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
        .provider(CodexProvider.ID)
        .workDir(workDir)
        .baseUrl(model.baseUrl())
        .model("fake-model")
        .agentHome(agentHome)
        .stateDir(stateDir)
        .providerOption(CodexProvider.OPTION_MAX_RETRIES, "0")
        .environment(CodexProvider.API_KEY_VARIABLE, "sk-fake-codex-integration")
        .turnTimeout(Duration.ofSeconds(60))
        .interruptGrace(Duration.ofSeconds(5));
  }

  private TurnResult run(Session session, String prompt) throws InterruptedException {
    return session.send(prompt, events::add).await();
  }

  private static ModelReply shell(String command) {
    return ModelReply.toolUse("exec_command", Map.of("cmd", command));
  }

  private ModelRequest lastResponsesRequest() {
    List<ModelRequest> requests = model.requests().stream().filter(ModelRequest::isResponses).toList();
    return requests.get(requests.size() - 1);
  }

  @Test
  void secondTurnReusesWarmProcessAndSeesFirstTurnContext() throws Exception {
    Session session = pool.open(KEY, options().build());

    TurnResult first = run(session, "remember the word PAPAYA");
    long pid = session.pid().orElseThrow();
    TurnResult second = run(session, "which word did I ask you to remember?");

    assertThat(first.success()).as(first.errorMessage()).isTrue();
    assertThat(first.text()).isEqualTo("ECHO: remember the word PAPAYA");
    assertThat(second.success()).as(second.errorMessage()).isTrue();
    assertThat(second.text()).isEqualTo("ECHO: which word did I ask you to remember?");
    assertThat(session.pid()).contains(pid);
    assertThat(lastResponsesRequest().userTexts())
        .containsExactly("remember the word PAPAYA", "which word did I ask you to remember?");
    assertThat(second.usage().inputTokens()).isEqualTo(ModelReply.DEFAULT_INPUT_TOKENS);
    assertThat(second.usage().outputTokens()).isEqualTo(ModelReply.DEFAULT_OUTPUT_TOKENS);
    assertThat(second.costUsd()).isZero();
    assertThat(second.agentSessionId()).isEqualTo(first.agentSessionId()).isNotBlank();
    assertThat(events).filteredOn(AgentEvents.Init.class::isInstance).hasSize(2);
  }

  @Test
  void deniedShellCommandNeverRuns() throws Exception {
    model.when(ModelRequest::lastUserTextContains, "RUNTOOL").once().reply(shell("echo pwned > denied.txt"));
    Session session = pool.open(KEY, options().addAllowedTools("read").build());

    TurnResult result = run(session, "please RUNTOOL now");

    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(workDir.resolve("denied.txt")).doesNotExist();
    assertThat(result.permissionDenials()).singleElement()
        .satisfies(denial -> assertThat(denial.toolName()).isEqualTo("exec_command"));
    assertThat(events).filteredOn(AgentEvents.ToolDecision.class::isInstance)
        .map(AgentEvents.ToolDecision.class::cast)
        .singleElement()
        .satisfies(d -> assertThat(d.allowed()).isFalse());
    assertThat(events).filteredOn(AgentEvents.ToolResult.class::isInstance)
        .map(AgentEvents.ToolResult.class::cast)
        .singleElement()
        .satisfies(r -> assertThat(r.isError()).isTrue());
    ModelRequest followUp = model.requests().stream().filter(r -> r.toolResult().isPresent()).findFirst()
        .orElseThrow();
    assertThat(followUp.toolResult().get().content()).contains("rejected");
  }

  @Test
  void denyWithInterruptStopsTheTurnBeforeTheCommandRuns() throws Exception {
    model.when(ModelRequest::lastUserTextContains, "RUNTOOL").once().reply(shell("echo pwned > stopped.txt"));
    Session session = pool.open(KEY, options()
        .permissionHandler(call -> new PermissionDecision.Deny("stop right there", "test.stop", true)).build());

    TurnResult result = run(session, "please RUNTOOL now");
    TurnResult next = run(session, "still there?");

    assertThat(workDir.resolve("stopped.txt")).doesNotExist();
    assertThat(result.isError()).isTrue();
    assertThat(result.terminalReason()).isEqualTo("interrupted");
    assertThat(next.success()).as(next.errorMessage()).isTrue();
  }

  @Test
  void allowedShellCommandRuns() throws Exception {
    model.when(ModelRequest::lastUserTextContains, "RUNTOOL").once().reply(shell("echo hello > allowed.txt"));
    Session session = pool.open(KEY, options().addAllowedTools("shell(echo:*)").build());

    TurnResult result = run(session, "please RUNTOOL now");

    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(workDir.resolve("allowed.txt")).hasContent("hello");
    assertThat(result.toolCalls()).isEqualTo(1);
    assertThat(result.permissionDenials()).isEmpty();
    assertThat(result.numTurns()).isEqualTo(2);
    assertThat(result.usage().inputTokens()).isEqualTo(2L * ModelReply.DEFAULT_INPUT_TOKENS);
    assertThat(events).filteredOn(AgentEvents.Error.class::isInstance).isEmpty();
  }

  @Test
  void everyCommandAsksThePolicyEvenReadOnlyOnes() throws Exception {
    List<String> commands = List.of("ls", "pwd", "cat README.md", "git status", "echo hi", "head -n 1 README.md",
        "ls | wc -l");
    model.when(request -> request.lastUserTextContains("READONLY") || request.toolResult().isPresent())
        .replyWith(request -> request.toolResults().size() < commands.size()
            ? shell(commands.get(request.toolResults().size())) : ModelReply.text("checked"));
    Files.writeString(workDir.resolve("README.md"), "hello\n");
    Session session = pool.open(KEY, options().addAllowedTools("read").build());

    TurnResult result = run(session, "READONLY commands please");

    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(events).filteredOn(AgentEvents.ToolDecision.class::isInstance)
        .map(AgentEvents.ToolDecision.class::cast)
        .extracting(AgentEvents.ToolDecision::allowed)
        .containsExactly(false, false, false, false, false, false, false);
    assertThat(result.permissionDenials()).hasSize(commands.size());
    assertThat(events).filteredOn(AgentEvents.Error.class::isInstance).isEmpty();
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
    assertThat(interrupted.terminalReason()).isEqualTo("interrupted");
    assertThat(after.success()).as(after.errorMessage()).isTrue();
    assertThat(after.text()).isEqualTo("ECHO: after interrupt");
    assertThat(session.pid()).contains(pid);
  }

  @Test
  void processKilledMidTurnFailsClearlyAndTheNextTurnResumesTheThread() throws Exception {
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
    assertThat(lastResponsesRequest().userTexts()).contains("remember the word KUMQUAT", "which word?");
  }
}
