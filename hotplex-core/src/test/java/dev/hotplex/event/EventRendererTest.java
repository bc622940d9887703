package dev.hotplex.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventRendererTest {

  private static ObjectNode input(String field, String value) {
    return EventJson.mapper().createObjectNode().put(field, value);
  }

  private static AgentEvents.ToolUse bash(String id, String command) {
    return new AgentEvents.ToolUse(id, "Bash", input("command", command));
  }

  private static AgentEvents.ToolDecision allow(String id, String command) {
    return new AgentEvents.ToolDecision(id, "Bash", "allow", "tools.allowed", "allowed by 'Bash(git diff:*)'",
        input("command", command));
  }

  private static AgentEvents.ToolDecision deny(String id, String command) {
    return new AgentEvents.ToolDecision(id, "Bash", "deny", "tools.not-allowed",
        "Tool call Bash(" + command + ") is not in the allowed tools", input("command", command));
  }

  private static TurnResult ok(int toolCalls, List<PermissionDenial> denials) {
    return new TurnResult("Done.", false, "success", "s1", new Usage(1234, 567, 0, 0), 0.0123, 3200, 3000, 2,
        toolCalls, denials, "end_turn", null, null);
  }

  private static String renderAll(EventRenderer renderer, AgentEvent... events) {
    StringBuilder out = new StringBuilder();
    for (AgentEvent event : events) {
      out.append(renderer.render(event));
    }
    return out.append(renderer.finish()).toString();
  }

  @Test
  void assistantTextIsPrintedAsItIsOnItsOwnLines() {
    String out = renderAll(EventRenderer.create(), new AgentEvents.Text("First line.\n  indented *markdown*"));

    assertThat(out).isEqualTo("First line.\n  indented *markdown*\n");
  }

  @Test
  void toolCallAndAllowDecisionShareOneLineNamingTheRule() {
    String out = renderAll(EventRenderer.create(), bash("t1", "git diff"), allow("t1", "git diff"));

    assertThat(out).isEqualTo("▶ Bash: git diff  ✔ allowed (tools.allowed)\n");
  }

  @Test
  void deniedCallShowsRuleAndReason() {
    String out = renderAll(EventRenderer.create(), bash("t1", "rm -rf build"), deny("t1", "rm -rf build"));

    assertThat(out).isEqualTo("▶ Bash: rm -rf build  ✖ denied by tools.not-allowed: Tool call Bash(rm -rf build)"
        + " is not in the allowed tools\n");
  }

  @Test
  void callWithoutDecisionIsPrintedBeforeTheNextEvent() {
    EventRenderer renderer = EventRenderer.create();

    assertThat(renderer.render(new AgentEvents.ToolUse("t1", "Read", input("file_path", "app.py")))).isEmpty();
    assertThat(renderer.render(new AgentEvents.ToolResult("t1", "print('hi')", false)))
        .isEqualTo("▶ Read: app.py\n  ↳ print('hi')\n");
  }

  @Test
  void callStillHeldBackAtTheEndIsPrintedByFinish() {
    EventRenderer renderer = EventRenderer.create();
    renderer.render(new AgentEvents.ToolUse("t1", "Glob", input("pattern", "**/*.py")));

    assertThat(renderer.finish()).isEqualTo("▶ Glob: **/*.py\n");
    assertThat(renderer.finish()).isEmpty();
  }

  @Test
  void decisionForAnotherCallFlushesTheHeldCallFirst() {
    String out = renderAll(EventRenderer.create(), bash("t1", "ls"), bash("t2", "cat a"), allow("t2", "cat a"));

    assertThat(out).isEqualTo("▶ Bash: ls\n▶ Bash: cat a  ✔ allowed (tools.allowed)\n");
  }

  @Test
  void longToolResultIsShortenedWithACountOfOmittedLines() {
    String content = IntStream.rangeClosed(1, 12).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
    EventRenderer renderer = EventRenderer.builder().toolResultLines(3).build();

    String out = renderer.render(new AgentEvents.ToolResult("t1", content, false));

    assertThat(out).isEqualTo("  ↳ line 1\n    line 2\n    line 3\n    … 9 more lines\n");
  }

  @Test
  void blankLinesOfAResultCarryNoTrailingSpaces() {
    String out = EventRenderer.create().render(new AgentEvents.ToolResult("t1", "# Title\n\ntext", false));

    assertThat(out).isEqualTo("  ↳ # Title\n\n    text\n");
  }

  @Test
  void longLinesAreCut() {
    EventRenderer renderer = EventRenderer.builder().maxLineLength(20).build();

    String out = renderer.render(new AgentEvents.ToolResult("t1", "x".repeat(50), false));

    assertThat(out).isEqualTo("  ↳ " + "x".repeat(20) + "…\n");
  }

  @Test
  void failedToolResultAndErrorsAreMarked() {
    String out = renderAll(EventRenderer.create(), new AgentEvents.ToolResult("t1", "No such file", true),
        new AgentEvents.ToolResult("t2", "", false), new AgentEvents.Error("agent printed a broken line"));

    assertThat(out).isEqualTo("  ↳ ✖ No such file\n  ↳ (no output)\n✖ error: agent printed a broken line\n");
  }

  @Test
  void everyTurnEndsWithASummaryLineAndTurnsAreNumbered() {
    EventRenderer renderer = EventRenderer.create();
    PermissionDenial denial = new PermissionDenial("Bash", "t2", null, "tools.not-allowed", "no");

    String first = renderer.render(ok(2, List.of(denial)));
    String second = renderer.render(ok(1, List.of()));

    assertThat(first).isEqualTo("── turn 1: ok | 3.2 s | 1,234 in / 567 out tokens (cache read 0 / write 0)"
        + " | $0.0123 | 2 tool calls, 1 denied\n");
    assertThat(second).startsWith("── turn 2: ok |").endsWith("| 1 tool call\n");
  }

  @Test
  void rendererThatJoinsASessionLaterNumbersTurnsFromItsFirstTurn() {
    EventRenderer renderer = EventRenderer.builder().firstTurn(3).build();

    assertThat(renderer.render(ok(0, List.of()))).startsWith("── turn 3: ok |");
    assertThat(renderer.render(ok(0, List.of()))).startsWith("── turn 4: ok |");
  }

  @Test
  void failedTurnSaysFailedAndWhy() {
    TurnResult failed = TurnResult.failure("error_timeout", "The turn took longer than 10m; it was cancelled.",
        "s1", 600_000, 0, List.of());

    String out = EventRenderer.create().render(failed);

    assertThat(out).isEqualTo("── turn 1: FAILED (error_timeout) | 10 m 00 s | 0 in / 0 out tokens"
        + " (cache read 0 / write 0) | $0.0000 | 0 tool calls\n"
        + "✖ turn 1 failed: The turn took longer than 10m; it was cancelled.\n");
  }

  @Test
  void failureMessagesAndDenialReasonsAreNotCutLikeToolOutput() {
    String advice = "Could not start the agent: " + "x".repeat(300) + " Use one of [default, plan].";
    EventRenderer renderer = EventRenderer.builder().maxLineLength(40).build();

    String out = renderAll(renderer, bash("t1", "rm x"), new AgentEvents.ToolDecision("t1", "Bash", "deny", "r",
        advice, null), new AgentEvents.Error(advice + "\nsecond line"),
        TurnResult.failure("error_process_exited", advice, null, 0, 0, List.of()));

    assertThat(out).contains("✖ denied by r: " + advice + "\n", "✖ error: " + advice + "\n  second line\n",
        "✖ turn 1 failed: " + advice + "\n");
  }

  @Test
  void agentReportedErrorWithoutMessageShowsTheResultText() {
    TurnResult apiError = new TurnResult("API Error: Connection refused", true, "success", "s1", Usage.ZERO, 0,
        1000, 0, 1, 0, List.of(), null, null, null);

    assertThat(EventRenderer.create().render(apiError))
        .contains("FAILED (success)")
        .endsWith("✖ turn 1 failed: API Error: Connection refused\n");
  }

  @Test
  void streamedTextIsNotRepeatedByTheCompleteBlock() {
    String out = renderAll(EventRenderer.create(), new AgentEvents.TextDelta("Hel"),
        new AgentEvents.TextDelta("lo"), new AgentEvents.Text("Hello"), bash("t1", "ls"), allow("t1", "ls"));

    assertThat(out).isEqualTo("Hello\n▶ Bash: ls  ✔ allowed (tools.allowed)\n");
  }

  @Test
  void sessionIsAnnouncedOncePerAgentSession() {
    AgentEvents.Init init = new AgentEvents.Init("abc", "claude-sonnet", "/repo", List.of(), "default");
    EventRenderer renderer = EventRenderer.create();

    assertThat(renderer.render(init)).isEqualTo("• agent session abc | model claude-sonnet | /repo\n");
    assertThat(renderer.render(init)).isEmpty();
  }

  @Test
  void multiLineInputsAndReasonsStayOnOneLine() {
    String out = renderAll(EventRenderer.create(), bash("t1", "set -e\nmake test"), allow("t1", "x"));

    assertThat(out).isEqualTo("▶ Bash: set -e …  ✔ allowed (tools.allowed)\n");
  }

  @Test
  void asciiModePrintsNoCharacterOutsideAscii() {
    EventRenderer renderer = EventRenderer.builder().ascii(true).toolResultLines(1).build();

    String out = renderAll(renderer, new AgentEvents.Init("abc", "m", "/r", List.of(), null),
        new AgentEvents.Thinking("hmm"), bash("t1", "ls"), allow("t1", "ls"),
        new AgentEvents.ToolResult("t1", "a\nb", false), bash("t2", "rm x"), deny("t2", "rm x"),
        new AgentEvents.ToolResult("t2", "denied", true), new AgentEvents.Error("boom"),
        TurnResult.failure("error_cancelled", "Cancelled by the user.", "abc", 10, 2, List.of()));

    assertThat(out.chars()).allMatch(c -> c < 128);
    assertThat(out).contains("> Bash: ls  + allowed (tools.allowed)", "> Bash: rm x  x denied by tools.not-allowed",
        "  <- a\n    ... 1 more line\n", "!! error: boom", "-- turn 1: FAILED (error_cancelled)");
  }

  @Test
  void colorsOnlyWhenAsked() {
    AgentEvent[] events = {bash("t1", "rm x"), deny("t1", "rm x"), ok(1, List.of())};

    assertThat(renderAll(EventRenderer.create(), events)).doesNotContain("\u001b[");
    assertThat(renderAll(EventRenderer.builder().color(true).build(), events))
        .contains("\u001b[31m✖ denied by tools.not-allowed").contains("\u001b[0m");
  }

  @Test
  void rawProviderMessagesAreNotShown() {
    assertThat(EventRenderer.create().render(new AgentEvents.Raw("rate_limit_event", null))).isEmpty();
  }

  @Test
  void durationsReadNaturally() {
    assertThat(EventRenderer.formatDuration(850)).isEqualTo("0.9 s");
    assertThat(EventRenderer.formatDuration(65_000)).isEqualTo("1 m 05 s");
    assertThat(EventRenderer.formatDuration(3_720_000)).isEqualTo("1 h 02 m");
  }

  @Test
  void namesCannotForgeALogLineOrSendControlCharactersToTheTerminal() {
    EventRenderer renderer = EventRenderer.create();
    String log = renderer.render(new AgentEvents.Init("s", "m", "/ws/evil\n\u2500\u2500 turn 1: ok", List.of(), null))
        + renderer.render(new AgentEvents.ToolUse("t1", "Bash", input("command", "ls\r\u2500\u2500 turn 1: ok")))
        + renderer.render(new AgentEvents.ToolResult("t1", "out\u2028fake\u001b[2K \u202egnp.exe", false))
        + renderer.finish();

    assertThat(log.lines()).noneMatch(line -> line.startsWith("\u2500\u2500 turn"));
    assertThat(log).doesNotContain("\r", "\u001b", "\u2028", "\u202e")
        .contains("/ws/evil\\n\u2500\u2500 turn 1: ok", "ls\\r", "\\u2028fake\\u001b[2K \\u202egnp.exe");
  }

  @Test
  void assistantTextKeepsItsLineBreaksButNotCarriageReturnsOrEscapes() {
    EventRenderer renderer = EventRenderer.create();

    String text = renderer.render(new AgentEvents.Text("one\r\ntwo\rthree\u001b[31m"));

    assertThat(text).isEqualTo("one\ntwo\\rthree\\u001b[31m\n");
  }
}
