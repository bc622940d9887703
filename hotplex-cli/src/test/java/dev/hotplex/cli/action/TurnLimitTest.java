package dev.hotplex.cli.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.PermissionHandler;
import dev.hotplex.policy.ToolCall;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TurnLimitTest {
  private final AtomicInteger interrupts = new AtomicInteger();
  private final PermissionHandler allowAll = call -> PermissionDecision.allow();

  private static ToolCall call() {
    return new dev.hotplex.provider.claude.ClaudeProvider().toolCall("Bash",
        new ObjectMapper().createObjectNode().put("command", "ls"), Path.of("/tmp"));
  }

  private static AgentEvents.ToolUse toolUse() {
    return new AgentEvents.ToolUse("t", "Bash", new ObjectMapper().createObjectNode());
  }

  @Test
  void aToolCallInTheLastAllowedTurnIsDeniedWithAnInterrupt() {
    TurnLimit limit = new TurnLimit(2, interrupts::incrementAndGet);
    PermissionHandler guarded = limit.guard(allowAll);
    limit.startPrompt();

    limit.onEvent(new AgentEvents.Text("Let me look."));
    limit.onEvent(toolUse());
    assertThat(guarded.decide(call())).isInstanceOf(PermissionDecision.Allow.class);
    limit.onEvent(new AgentEvents.ToolResult("t", "a.py", false));
    limit.onEvent(toolUse());
    PermissionDecision second = guarded.decide(call());

    assertThat(second).isInstanceOfSatisfying(PermissionDecision.Deny.class, deny -> {
      assertThat(deny.interrupt()).isTrue();
      assertThat(deny.rule()).isEqualTo(TurnLimit.RULE);
      assertThat(deny.reason()).contains("max_turns (2) reached");
    });
    assertThat(limit.exceeded()).isTrue();
  }

  @Test
  void severalOutputsOfOneTurnCountOnce() {
    TurnLimit limit = new TurnLimit(1, interrupts::incrementAndGet);
    limit.startPrompt();

    limit.onEvent(new AgentEvents.Thinking("hmm"));
    limit.onEvent(new AgentEvents.Text("answer"));
    limit.onEvent(new AgentEvents.Text("more"));

    assertThat(limit.exceeded()).isFalse();
    assertThat(interrupts).hasValue(0);
  }

  @Test
  void aTurnBeyondTheLimitInterruptsOnceEvenWithoutAPermissionRequest() {
    TurnLimit limit = new TurnLimit(1, interrupts::incrementAndGet);
    limit.startPrompt();

    limit.onEvent(toolUse());
    limit.onEvent(new AgentEvents.ToolResult("t", "x", false));
    limit.onEvent(new AgentEvents.Text("second turn"));
    limit.onEvent(new AgentEvents.ToolResult("t", "x", false));
    limit.onEvent(new AgentEvents.Text("third turn"));

    assertThat(limit.exceeded()).isTrue();
    assertThat(interrupts).hasValue(1);
  }

  @Test
  void theCountStartsAgainForEachPromptAndZeroMeansNoLimit() {
    TurnLimit limit = new TurnLimit(1, interrupts::incrementAndGet);
    limit.startPrompt();
    limit.onEvent(toolUse());
    assertThat(limit.guard(allowAll).decide(call())).isInstanceOf(PermissionDecision.Deny.class);
    limit.startPrompt();
    assertThat(limit.exceeded()).isFalse();
    assertThat(limit.guard(allowAll).decide(call())).isInstanceOf(PermissionDecision.Allow.class);

    TurnLimit unlimited = new TurnLimit(0, interrupts::incrementAndGet);
    unlimited.startPrompt();
    for (int i = 0; i < 100; i++) {
      unlimited.onEvent(toolUse());
      unlimited.onEvent(new AgentEvents.ToolResult("t", "x", false));
    }
    assertThat(unlimited.guard(allowAll).decide(call())).isInstanceOf(PermissionDecision.Allow.class);
    assertThat(interrupts).hasValue(0);
  }
}
