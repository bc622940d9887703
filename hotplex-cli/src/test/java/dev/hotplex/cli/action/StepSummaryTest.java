package dev.hotplex.cli.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.PermissionDenial;
import dev.hotplex.event.TurnResult;
import dev.hotplex.event.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepSummaryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RunStats stats() {
    RunStats stats = new RunStats();
    stats.startPrompt();
    stats.onEvent(new AgentEvents.Init("sess-1", "claude-test-model", "/w", List.of(), null));
    stats.onEvent(new AgentEvents.ToolDecision("t1", "Bash", "allow", "tools.allowed", null,
        JSON.createObjectNode().put("command", "git diff | head")));
    stats.onEvent(new AgentEvents.ToolDecision("t2", "Bash", "deny", "destroy.outside-workspace",
        "Only delete inside the workspace", JSON.createObjectNode().put("command", "rm -rf /etc")));
    stats.onEvent(new TurnResult("done", false, "success", "sess-1", new Usage(1200, 300, 0, 50), 0.0123, 4200, 3000,
        3, 2, List.of(new PermissionDenial("Bash", "t2", null, "destroy.outside-workspace", "r")), "end_turn",
        null, null));
    return stats;
  }

  @Test
  void showsTheOutcomeTheNumbersEveryCallAndTheDenials() {
    String md = StepSummary.render(ActionMode.REVIEW, List.of(), stats(), "### Review\n\nNo findings.\n");

    assertThat(md).startsWith("## hotplex review: ✅ success")
        .contains("| 1 | 3 | 2 | 1 | 1,250 / 300 | $0.0123 | 4.2 s | claude-test-model |")
        .contains("<details><summary>Tool calls (2)</summary>")
        .contains("| 1 | Bash | `git diff \\| head` | ✅ allowed (`tools.allowed`) |")
        .contains("| 1 | Bash | `rm -rf /etc` | ❌ denied (`destroy.outside-workspace`) |")
        .contains("### Denied tool calls", "- Bash `rm -rf /etc` by `destroy.outside-workspace`: Only delete inside")
        .endsWith("### Review\n\nNo findings.\n\n");
  }

  @Test
  void aFailureIsTheFirstThingShown() {
    String md = StepSummary.render(ActionMode.RUN, List.of("max_turns (1) reached"), new RunStats(), "");

    assertThat(md).startsWith("## hotplex run: ❌ failure\n\n> max_turns (1) reached\n").contains("No tool calls.");
  }

  @Test
  void theFooterSummarisesTheRunInOneLine() {
    assertThat(StickyComments.footer(stats(), "https://github.com/o/r/actions/runs/1")).isEqualTo(
        "<sub>hotplex · claude-test-model · 3 model turns · 2 tool calls (1 denied) · $0.0123 · 4.2 s"
            + " · [workflow run](https://github.com/o/r/actions/runs/1)</sub>");
  }
}
