package dev.hotplex.client.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.EventJson;
import dev.hotplex.event.PermissionDenial;
import dev.hotplex.event.TurnResult;
import dev.hotplex.event.Usage;
import dev.hotplex.secrets.SecretMasker;
import java.util.List;
import org.junit.jupiter.api.Test;

class CiConsoleTest {
  private static final String KEY = "sk-ant-test-0123456789";

  private static TurnResult ok(List<PermissionDenial> denials) {
    return new TurnResult("Done.", false, "success", "a1", new Usage(1200, 300, 0, 0), 0.0123, 4200, 4000, 2, 1,
        denials, "end_turn", null, null);
  }

  @Test
  void deniedCallShowsItsRuleAndReasonOnTheCallsLine() {
    CiConsole console = new CiConsole(SecretMasker.none(), 1);
    var input = EventJson.mapper().createObjectNode().put("command", "rm -rf ~");

    String out = console.render(new AgentEvents.ToolUse("t1", "Bash", input))
        + console.render(new AgentEvents.ToolDecision("t1", "Bash", "deny", "destroy.outside-workspace",
            "Deleting outside the workspace is not allowed.", input));

    assertThat(out).isEqualTo("▶ Bash: rm -rf ~  ✖ denied by destroy.outside-workspace: Deleting outside the"
        + " workspace is not allowed.\n");
  }

  @Test
  void summaryCarriesTheSessionsTurnNumber() {
    CiConsole console = new CiConsole(SecretMasker.none(), 2);

    assertThat(console.render(ok(List.of()))).startsWith("── turn 2: ok | 4.2 s | 1,200 in / 300 out tokens")
        .contains("$0.0123");
  }

  @Test
  void secretIsMaskedEvenWhenSplitBetweenTwoEvents() {
    CiConsole console = new CiConsole(SecretMasker.of(KEY), 1);

    String out = console.render(new AgentEvents.TextDelta("the key is " + KEY.substring(0, 9)))
        + console.render(new AgentEvents.TextDelta(KEY.substring(9) + " ok")) + console.finish();

    assertThat(out).doesNotContain(KEY).doesNotContain(KEY.substring(9)).contains("the key is **** ok");
  }

  @Test
  void stepLinesArePrefixedAndMasked() {
    CiConsole console = new CiConsole(SecretMasker.of(KEY), 1);

    assertThat(console.line("started with " + KEY)).isEqualTo("[hotplex] started with ****\n");
  }

  @Test
  void startedLineSaysWhetherTheSessionIsNewWarmOrBusy() {
    CiConsole console = new CiConsole(SecretMasker.none(), 2);

    String fresh = console.started(new CiTurns.Started("ses_1", "default", 1, true, false, "/s"), "agent-1");
    String warm = console.started(new CiTurns.Started("ses_1", "default", 2, false, true, "/s"), "");

    assertThat(fresh).isEqualTo("[hotplex] started session 'default' (ses_1) on node 'agent-1': turn 1\n");
    assertThat(warm).contains("warm session 'default' (ses_1) on the built-in node: turn 2, same agent")
        .contains("is busy with another call of this run; this call waits its turn");
  }
}
