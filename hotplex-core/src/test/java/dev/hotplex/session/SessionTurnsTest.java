package dev.hotplex.session;

import static dev.hotplex.session.FakeAgents.TEST_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotplex.Hotplex;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.sandbox.Sandbox;
import dev.hotplex.testkit.fakecli.FakeAgentCli.Mode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTurnsTest {
  @TempDir Path dir;

  private Session session(SessionOptions.Builder options) {
    return Hotplex.session(options.build(), FakeAgents.registry());
  }

  @Test
  void secondTurnReusesWarmProcess() throws Exception {
    try (Session session = session(FakeAgents.options(dir, Mode.NORMAL))) {
      FakeAgents.Recorder first = new FakeAgents.Recorder();
      TurnResult one = session.send("hello", first).await(TEST_TIMEOUT).orElseThrow();
      long pid = session.pid().orElseThrow();
      TurnResult two = session.send("again", null).await(TEST_TIMEOUT).orElseThrow();

      assertThat(one.success()).isTrue();
      assertThat(one.text()).isEqualTo("ECHO: hello");
      assertThat(two.text()).isEqualTo("ECHO: again");
      assertThat(session.pid()).contains(pid);
      assertThat(session.turnCount()).isEqualTo(2);
      assertThat(FakeAgents.recordedArgv(dir)).hasSize(1);
      assertThat(first.events).last().isEqualTo(one);
      assertThat(first.of(AgentEvents.Init.class)).hasSize(1);
      assertThat(first.of(AgentEvents.Text.class)).extracting(AgentEvents.Text::text).containsExactly("ECHO: hello");
      assertThat(session.agentSessionId()).contains(one.agentSessionId());
    }
  }

  @Test
  void concurrentSendsRunOneAtATimeInFifoOrder() throws Exception {
    try (Session session = session(FakeAgents.options(dir, Mode.NORMAL))) {
      List<String> order = new CopyOnWriteArrayList<>();
      Turn first = session.send("MODE:slow one", e -> record(order, e));
      Turn second = session.send("two", e -> record(order, e));
      Turn third = session.send("three", e -> record(order, e));

      assertThat(third.await(TEST_TIMEOUT).orElseThrow().success()).isTrue();
      assertThat(first.result()).isCompleted();
      assertThat(second.result()).isCompleted();
      assertThat(order).containsExactly("ECHO: one", "ECHO: two", "ECHO: three");
      assertThat(List.of(first.number(), second.number(), third.number())).containsExactly(1, 2, 3);
    }
  }

  private static void record(List<String> order, dev.hotplex.event.AgentEvent event) {
    if (event instanceof TurnResult result) {
      order.add(result.text());
    }
  }

  @Test
  void failFastRejectsASecondSendWhileATurnRuns() throws Exception {
    try (Session session = session(FakeAgents.options(dir, Mode.NORMAL).queueMode(QueueMode.FAIL_FAST))) {
      Turn running = session.send("MODE:slow first", null);

      assertThatThrownBy(() -> session.send("second", null)).isInstanceOf(SessionBusyException.class)
          .hasMessageContaining("FAIL_FAST").hasMessageContaining("turn 1");
      assertThat(running.await(TEST_TIMEOUT).orElseThrow().success()).isTrue();
      assertThat(session.send("third", null).await(TEST_TIMEOUT).orElseThrow().text()).isEqualTo("ECHO: third");
    }
  }

  @Test
  void throwingListenerDoesNotStopTheTurn() throws Exception {
    try (Session session = session(FakeAgents.options(dir, Mode.NORMAL))) {
      TurnResult result = session.send("hi", event -> {
        throw new IllegalStateException("listener bug");
      }).await(TEST_TIMEOUT).orElseThrow();

      assertThat(result.success()).isTrue();
      assertThat(result.text()).isEqualTo("ECHO: hi");
    }
  }

  @Test
  void deniedToolCallIsReportedAsDecisionAndDenial() throws Exception {
    try (Session session = session(FakeAgents.options(dir, Mode.NORMAL))) {
      FakeAgents.Recorder events = new FakeAgents.Recorder();
      TurnResult result = session.send("MODE:ask-permission go", events).await(TEST_TIMEOUT).orElseThrow();

      AgentEvents.ToolDecision decision = events.of(AgentEvents.ToolDecision.class).get(0);
      assertThat(decision.allowed()).isFalse();
      assertThat(decision.toolName()).isEqualTo("Bash");
      assertThat(decision.reason()).contains("allowedTools");
      assertThat(result.text()).startsWith("PERMISSION deny:").contains("allowedTools");
      assertThat(result.toolCalls()).isEqualTo(1);
      assertThat(result.permissionDenials()).singleElement()
          .satisfies(denial -> assertThat(denial.rule()).isEqualTo("tools.not-allowed"));
    }
  }

  @Test
  void allowedToolCallRuns() throws Exception {
    try (Session session = session(FakeAgents.options(dir, Mode.NORMAL).addAllowedTools("Bash(echo:*)"))) {
      FakeAgents.Recorder events = new FakeAgents.Recorder();
      TurnResult result = session.send("MODE:ask-permission go", events).await(TEST_TIMEOUT).orElseThrow();

      assertThat(events.of(AgentEvents.ToolDecision.class)).singleElement()
          .satisfies(decision -> assertThat(decision.allowed()).isTrue());
      assertThat(result.text()).startsWith("PERMISSION allow");
      assertThat(result.permissionDenials()).isEmpty();
    }
  }

  @Test
  void throwingPermissionHandlerDeniesWithAMessage() throws Exception {
    SessionOptions.Builder options = FakeAgents.options(dir, Mode.NORMAL).permissionHandler(call -> {
      throw new IllegalStateException("policy file unreadable");
    });
    try (Session session = session(options)) {
      FakeAgents.Recorder events = new FakeAgents.Recorder();
      TurnResult result = session.send("MODE:ask-permission go", events).await(TEST_TIMEOUT).orElseThrow();

      AgentEvents.ToolDecision decision = events.of(AgentEvents.ToolDecision.class).get(0);
      assertThat(decision.allowed()).isFalse();
      assertThat(decision.rule()).isEqualTo(Permissions.RULE_HANDLER_FAILED);
      assertThat(decision.reason()).contains("policy file unreadable");
      assertThat(result.text()).startsWith("PERMISSION deny");
    }
  }

  @Test
  void nullPermissionDecisionDenies() throws Exception {
    SessionOptions.Builder options = FakeAgents.options(dir, Mode.NORMAL).permissionHandler(call -> null);
    try (Session session = session(options)) {
      TurnResult result = session.send("MODE:ask-permission go", null).await(TEST_TIMEOUT).orElseThrow();

      assertThat(result.text()).startsWith("PERMISSION deny").contains("no decision");
      assertThat(result.permissionDenials()).hasSize(1);
    }
  }

  @Test
  void sandboxWrapsTheCommandWithTheAgentsHomeStateAndProviderFoldersWritable() throws Exception {
    List<List<Path>> writable = new CopyOnWriteArrayList<>();
    Sandbox prefixing = new Sandbox() {
      @Override
      public List<String> wrap(List<String> command, Path workDir, List<Path> writablePaths) {
        writable.add(List.copyOf(writablePaths));
        List<String> wrapped = new java.util.ArrayList<>(List.of("/usr/bin/env", "SANDBOXED=1"));
        wrapped.addAll(command);
        return wrapped;
      }

      @Override
      public String describe() {
        return "test prefix";
      }
    };
    Path home = dir.resolve("agent-home");
    Path state = dir.resolve("state");
    try (Session session = session(FakeAgents.options(dir, Mode.NORMAL).sandbox(prefixing).agentHome(home)
        .stateDir(state))) {
      TurnResult result = session.send("hi", null).await(TEST_TIMEOUT).orElseThrow();

      assertThat(result.success()).isTrue();
      assertThat(writable).singleElement().isEqualTo(List.of(home, state, state.resolve("fake-config")));
      assertThat(home).isDirectory();
      assertThat(state).isDirectory();
    }
  }

  @Test
  void closedSessionRefusesTurns() {
    Session session = session(FakeAgents.options(dir, Mode.NORMAL));
    session.close();

    assertThatThrownBy(() -> session.send("hi", null)).isInstanceOf(SessionClosedException.class)
        .hasMessageContaining("open a new session");
  }
}
