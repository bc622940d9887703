package dev.hotplex.cli.action;

import dev.hotplex.event.Usage;
import java.util.List;

/**
 * The markdown step summary: the outcome, the numbers (prompts, model turns, tool calls, denied calls, tokens,
 * cost, duration), every tool call with its decision, the denied calls with their reasons, and the mode's own
 * section (findings, patch).
 */
final class StepSummary {
  /** Tool calls listed in the table; the rest are counted. */
  static final int MAX_LISTED_CALLS = 100;

  private StepSummary() {}

  static String render(ActionMode mode, List<String> failures, RunStats stats, String modeSection) {
    StringBuilder md = new StringBuilder("## hotplex ").append(mode.id()).append(": ")
        .append(failures.isEmpty() ? "✅ success" : "❌ failure").append("\n\n");
    failures.forEach(failure -> md.append("> ").append(Markdown.cell(failure, 2000)).append("\n"));
    if (!failures.isEmpty()) {
      md.append('\n');
    }
    Usage usage = stats.usage();
    md.append("| prompts | model turns | tool calls | denied | tokens in / out | cost | duration | model |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---|\n")
        .append("| ").append(stats.prompts()).append(" | ").append(stats.modelTurns())
        .append(" | ").append(stats.toolCalls()).append(" | ").append(stats.denied())
        .append(" | ").append(Markdown.count(usage.inputTokens() + usage.cacheReadInputTokens()
            + usage.cacheCreationInputTokens())).append(" / ").append(Markdown.count(usage.outputTokens()))
        .append(" | ").append(Markdown.cost(stats.costUsd()))
        .append(" | ").append(Markdown.duration(stats.durationMs()))
        .append(" | ").append(Markdown.cell(stats.model() == null ? "default" : stats.model(), 60)).append(" |\n\n");
    appendCalls(md, stats);
    if (modeSection != null && !modeSection.isBlank()) {
      md.append(modeSection.stripTrailing()).append("\n\n");
    }
    return md.toString();
  }

  private static void appendCalls(StringBuilder md, RunStats stats) {
    List<RunStats.ToolCall> calls = stats.calls();
    if (calls.isEmpty()) {
      md.append("No tool calls.\n\n");
      return;
    }
    md.append("<details><summary>Tool calls (").append(calls.size() + stats.unrecordedCalls())
        .append(")</summary>\n\n| prompt | tool | input | decision |\n|---:|---|---|---|\n");
    for (RunStats.ToolCall call : calls.subList(0, Math.min(calls.size(), MAX_LISTED_CALLS))) {
      md.append("| ").append(call.prompt()).append(" | ").append(Markdown.cell(call.tool(), 40)).append(" | ")
          .append(Markdown.code(call.input(), 120)).append(" | ")
          .append(call.allowed() ? "✅ allowed" : "❌ denied")
          .append(call.rule() == null ? "" : " (" + Markdown.code(call.rule(), 60) + ")").append(" |\n");
    }
    int unlisted = calls.size() + stats.unrecordedCalls() - Math.min(calls.size(), MAX_LISTED_CALLS);
    if (unlisted > 0) {
      md.append("\n… and ").append(unlisted).append(" more.\n");
    }
    md.append("\n</details>\n\n");
    List<RunStats.ToolCall> denied = calls.stream().filter(call -> !call.allowed()).toList();
    if (!denied.isEmpty()) {
      md.append("### Denied tool calls\n\n");
      for (RunStats.ToolCall call : denied) {
        md.append("- ").append(Markdown.cell(call.tool(), 40)).append(' ').append(Markdown.code(call.input(), 200))
            .append(call.rule() == null ? "" : " by " + Markdown.code(call.rule(), 60)).append(": ")
            .append(Markdown.cell(call.reason(), 500)).append('\n');
      }
      md.append('\n');
    }
  }
}
