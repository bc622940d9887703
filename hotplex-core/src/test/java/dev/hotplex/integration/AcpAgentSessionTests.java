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
import dev.hotplex.testkit.RealAgents;
import dev.hotplex.testkit.model.FakeModelServer;
import dev.hotplex.testkit.model.ModelReply;
import dev.hotplex.testkit.model.ModelRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine promises with a REAL agent CLI that speaks the Agent Client Protocol, against the test kit's fake
 * model: warm turns, the policy deciding shell commands, interrupts, usage. One subclass per CLI; each is skipped
 * (with a message) where its pinned CLI is not installed.
 */
abstract class AcpAgentSessionTests {
  /** Generous: a busy CI machine makes a Node or Bun CLI start slowly; a healthy turn takes about a second. */
  static final Duration TURN_TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path workDir;
  @TempDir Path agentHome;
  @TempDir Path stateDir;
  FakeModelServer model;
  private SessionPool pool;
  final List<AgentEvent> events = new CopyOnWriteArrayList<>();

  /** The provider id, also the install folder's name. */
  abstract String provider();

  abstract String executable();

  /** The CLI's shell tool name for the fake model's tool call. */
  abstract String shellTool();

  /**
   * Whether the CLI tells the model about a rejected call and goes on (Gemini CLI), or ends the turn there
   * (OpenCode).
   */
  abstract boolean deniedCallReachesTheModel();

  /**
   * Whether {@code session/load} restores the conversation in a new process (OpenCode). The Gemini CLI 0.61.0
   * answers it "No previous sessions found for this project" (its loadSession starts a new recording under the same
   * id before it looks the old one up), so hotplex fails that turn unrun and goes on in a new conversation.
   */
  abstract boolean resumesInANewProcess();

  /** The fake model's call of the CLI's file reading tool. */
  abstract ModelReply readFile(Path file);

  /** Environment the CLI needs besides what the provider sets (a fake API key). */
  abstract Map<String, String> environment();

  @BeforeEach
  void startModel() {
    assumeTrue(RealAgents.installed(provider(), executable()).isPresent(), "the pinned " + provider()
        + " CLI is not installed: run scripts/install-agents " + provider() + " (CI does this)");
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

  SessionOptions.Builder options() {
    SessionOptions.Builder options = SessionOptions.builder()
        .provider(provider())
        .workDir(workDir)
        .baseUrl(model.baseUrl())
        .agentHome(agentHome)
        .stateDir(stateDir)
        .turnTimeout(TURN_TIMEOUT)
        .startupTimeout(TURN_TIMEOUT)
        .interruptGrace(Duration.ofSeconds(10));
    environment().forEach(options::environment);
    return options;
  }

  private SessionKey key() {
    return SessionKey.of("it", provider());
  }

  TurnResult run(Session session, String prompt) throws InterruptedException {
    return session.send(prompt, events::add).await();
  }

  private void scriptShellCall(String command) {
    model.when(ModelRequest::lastUserTextContains, "RUNTOOL").once()
        .reply(ModelReply.toolUse(shellTool(), Map.of("command", command, "description", "write a file")));
  }

  @Test
  void secondTurnReusesWarmProcessAndSeesFirstTurnContext() throws Exception {
    Session session = pool.open(key(), options().build());

    TurnResult first = run(session, "remember the word PAPAYA");
    long pid = session.pid().orElseThrow();
    TurnResult second = run(session, "which word did I ask you to remember?");

    assertThat(first.success()).as(first.errorMessage()).isTrue();
    assertThat(second.success()).as(second.errorMessage()).isTrue();
    assertThat(second.text()).isEqualTo("ECHO: which word did I ask you to remember?");
    assertThat(session.pid()).contains(pid);
    ModelRequest last = model.requests().get(model.requests().size() - 1);
    assertThat(last.userTexts()).contains("remember the word PAPAYA");
    assertThat(last.assistantTexts()).contains("ECHO: remember the word PAPAYA");
    assertThat(second.usage().inputTokens()).isPositive();
    assertThat(second.usage().outputTokens()).isPositive();
    assertThat(second.agentSessionId()).isEqualTo(first.agentSessionId()).isNotBlank();
  }

  @Test
  void deniedShellCommandNeverRuns() throws Exception {
    scriptShellCall("echo pwned > denied.txt");
    Session session = pool.open(key(), options().addAllowedTools("read").build());

    TurnResult result = run(session, "please RUNTOOL now");

    if (deniedCallReachesTheModel()) {
      assertThat(result.success()).as(result.errorMessage()).isTrue();
    } else {
      // The agent stopped at the denial without the model learning why: not a success.
      assertThat(result.subtype()).isEqualTo("error_permission_denied");
      assertThat(result.errorMessage()).contains("echo pwned > denied.txt");
    }
    assertThat(workDir.resolve("denied.txt")).doesNotExist();
    assertThat(result.permissionDenials()).singleElement()
        .satisfies(denial -> assertThat(denial.toolName()).isEqualTo(shellTool()));
    assertThat(events).filteredOn(AgentEvents.ToolDecision.class::isInstance)
        .map(AgentEvents.ToolDecision.class::cast)
        .singleElement()
        .satisfies(decision -> assertThat(decision.allowed()).isFalse());
    if (deniedCallReachesTheModel()) {
      assertThat(model.requests()).anySatisfy(request -> assertThat(request.toolResult()).isPresent());
    } else {
      assertThat(model.requests()).noneSatisfy(request -> assertThat(request.toolResult()).isPresent());
    }
  }

  @Test
  void allowedShellCommandRuns() throws Exception {
    scriptShellCall("echo hello > allowed.txt");
    Session session = pool.open(key(), options().addAllowedTools("shell(echo:*)").build());

    TurnResult result = run(session, "please RUNTOOL now");

    assertThat(result.success()).as(result.errorMessage()).isTrue();
    assertThat(workDir.resolve("allowed.txt")).hasContent("hello");
    assertThat(result.toolCalls()).isEqualTo(1);
    assertThat(result.permissionDenials()).isEmpty();
    assertThat(result.text()).startsWith("DONE: tool finished (");
  }

  @Test
  void fileReadsAreAskedOfThePolicyToo() throws Exception {
    Path secret = Files.writeString(workDir.resolve("secret.txt"), "TOPSECRET");
    model.when(ModelRequest::lastUserTextContains, "READ").once().reply(readFile(secret));
    Session session = pool.open(key(), options().addAllowedTools("shell").build());

    TurnResult result = run(session, "please READ the file");

    assertThat(result.success()).as(result.errorMessage()).isEqualTo(deniedCallReachesTheModel());
    assertThat(events).filteredOn(AgentEvents.ToolDecision.class::isInstance)
        .map(AgentEvents.ToolDecision.class::cast)
        .singleElement()
        .satisfies(decision -> assertThat(decision.allowed()).isFalse());
    assertThat(model.requests()).noneSatisfy(request -> assertThat(request.contains("TOPSECRET")).isTrue());
  }

  @Test
  void interruptEndsTheRunningTurnAndTheProcessStaysUsable() throws Exception {
    model.when(ModelRequest::lastUserTextContains, "SLOW").once()
        .reply(ModelReply.text("too late").after(Duration.ofSeconds(600)));
    Session session = pool.open(key(), options().build());
    run(session, "warm up");
    long pid = session.pid().orElseThrow();
    long before = model.requestCount();

    Turn slow = session.send("SLOW please", events::add);
    model.awaitRequests((int) before + 1, TURN_TIMEOUT);
    session.interrupt();
    TurnResult interrupted = slow.await();
    TurnResult after = run(session, "after interrupt");

    assertThat(interrupted.isError()).isTrue();
    assertThat(interrupted.stopReason()).isEqualTo("cancelled");
    assertThat(after.success()).as(after.errorMessage()).isTrue();
    assertThat(after.text()).isEqualTo("ECHO: after interrupt");
    assertThat(session.pid()).contains(pid);
  }

  @Test
  void processKilledMidTurnFailsClearlyAndTheNextTurnResumesTheConversation() throws Exception {
    model.when(ModelRequest::lastUserTextContains, "SLOW").once()
        .reply(ModelReply.text("too late").after(Duration.ofSeconds(600)));
    Session session = pool.open(key(), options().build());
    TurnResult first = run(session, "remember the word KUMQUAT");
    long pid = session.pid().orElseThrow();
    long before = model.requestCount();

    Turn slow = session.send("SLOW please", events::add);
    model.awaitRequests((int) before + 1, TURN_TIMEOUT);
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    TurnResult killed = slow.await();
    TurnResult resumed = run(session, "which word?");

    assertThat(killed.isError()).isTrue();
    assertThat(killed.subtype()).isEqualTo("error_process_exited");
    assertThat(session.pid()).isPresent().get().isNotEqualTo(pid);
    if (resumesInANewProcess()) {
      assertThat(resumed.success()).as(resumed.errorMessage()).isTrue();
      assertThat(resumed.agentSessionId()).isEqualTo(first.agentSessionId());
      ModelRequest last = model.requests().get(model.requests().size() - 1);
      assertThat(last.userTexts()).contains("remember the word KUMQUAT", "which word?");
    } else {
      long requestsBefore = model.requestCount();
      assertThat(resumed.isError()).isTrue();
      assertThat(resumed.subtype()).isEqualTo("error_resume_failed");
      assertThat(resumed.errorMessage()).contains("could not resume conversation " + first.agentSessionId());
      TurnResult fresh = run(session, "which word, in the new conversation?");
      assertThat(fresh.success()).as(fresh.errorMessage()).isTrue();
      assertThat(model.requestCount()).as("only the fresh turn reached the model").isGreaterThan(requestsBefore);
      ModelRequest last = model.requests().get(model.requests().size() - 1);
      assertThat(last.userTexts()).containsExactly("which word, in the new conversation?");
    }
  }

  /** The hotplex-owned configuration folder holds the CLI's configuration; the user's HOME gets none. */
  @Test
  void configurationStaysInHotplexFolders() throws Exception {
    Session session = pool.open(key(), options().build());

    TurnResult result = run(session, "hello");

    assertThat(result.success()).as(result.errorMessage()).isTrue();
    try (var files = Files.list(stateDir.resolve(provider()))) {
      assertThat(files).isNotEmpty();
    }
    try (var files = Files.walk(agentHome)) {
      // The CLI may keep its own state in HOME (Gemini's chats), but no configuration of hotplex's making.
      assertThat(files.map(file -> file.getFileName().toString()))
          .as("configuration files in the agent's HOME").doesNotContain("settings.json", "opencode.json");
    }
    // OpenCode installs @opencode-ai/plugin from the npm registry at start unless told to stay offline.
    assertThat(agentHome.resolve(".npm")).as("an npm download at run time").doesNotExist();
  }
}
