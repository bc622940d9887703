package dev.hotplex.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Turns a stream of {@link AgentEvent}s into a log for humans: the CLI's output, and the Jenkins and GitHub step
 * logs. Pure: it returns text and writes nothing; the caller prints it as it comes.
 *
 * <pre>
 * I'll look at the changes first.
 * ▶ Bash: git diff  ✔ allowed (tools.allowed)
 *   ↳ diff --git a/app.py b/app.py
 *     … 12 more lines
 * ▶ Bash: rm -rf build  ✖ denied by tools.not-allowed: Tool call Bash(rm -rf build) is not in the allowed tools
 * ── turn 1: ok | 3.2 s | 1,234 in / 567 out tokens (cache read 0 / write 0) | $0.0123 | 2 tool calls, 1 denied
 * </pre>
 *
 * <p>Assistant text is printed as it is; each tool call is one line with its decision; tool results are shortened
 * to their first lines with a count of the rest; errors are marked; every turn ends with a summary line (a failed
 * turn says {@code FAILED} and why). {@link Builder#ascii} swaps the symbols for plain ASCII for CI logs that
 * mangle Unicode; {@link Builder#color} adds ANSI colors (off by default).
 *
 * <p>One renderer follows one event stream (one session): it is stateful and not thread-safe. A tool call is
 * printed when its decision arrives, so that call and decision share a line; call {@link #finish()} when the
 * stream ends to get anything still held back.
 */
public final class EventRenderer {
  /** Lines of a tool result shown before "… N more lines"; system property {@code hotplex.render.toolResultLines}. */
  public static final int DEFAULT_TOOL_RESULT_LINES = Integer.getInteger("hotplex.render.toolResultLines", 5);
  /** Longest line shown for tool inputs and results; system property {@code hotplex.render.maxLineLength}. */
  public static final int DEFAULT_MAX_LINE_LENGTH = Integer.getInteger("hotplex.render.maxLineLength", 200);

  /**
   * Lines of an error or a failed turn's message shown before "… N more lines": errors say what to do, so they
   * are cut much later than tool output.
   */
  static final int ERROR_LINES = 20;
  /** Longest line of an error, a failed turn's message or a denial reason. */
  static final int ERROR_LINE_LENGTH = 2000;

  /** Input fields that best describe a tool call in one line, most telling first. */
  private static final List<String> SUMMARY_FIELDS =
      List.of("command", "file_path", "notebook_path", "pattern", "path", "url", "query", "description");

  private final Symbols symbols;
  private final Ansi ansi;
  private final int toolResultLines;
  private final int maxLineLength;

  private AgentEvents.ToolUse pendingToolUse;
  private boolean midLine;
  private boolean textStreamed;
  private String announcedSessionId;
  private int turnsEnded;

  private EventRenderer(Builder builder) {
    symbols = builder.ascii ? Symbols.ASCII : Symbols.UNICODE;
    ansi = new Ansi(builder.color);
    toolResultLines = builder.toolResultLines;
    maxLineLength = builder.maxLineLength;
    turnsEnded = builder.firstTurn - 1;
  }

  /** A renderer with the defaults: Unicode symbols, no colors. */
  public static EventRenderer create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The text to print for this event, possibly empty; complete lines end with {@code \n}. */
  public String render(AgentEvent event) {
    StringBuilder out = new StringBuilder();
    boolean decidesPendingCall = event instanceof AgentEvents.ToolDecision decision && pendingToolUse != null
        && pendingToolUse.toolUseId() != null && pendingToolUse.toolUseId().equals(decision.toolUseId());
    if (!decidesPendingCall) {
      flushPendingToolUse(out);
    }
    if (!(event instanceof AgentEvents.TextDelta)) {
      endLine(out);
    }
    if (event instanceof AgentEvents.TextDelta delta) {
      out.append(visible(delta.text(), true));
      if (!delta.text().isEmpty()) {
        midLine = !delta.text().endsWith("\n");
      }
      textStreamed = true;
    } else if (event instanceof AgentEvents.Text text) {
      renderText(out, text);
    } else if (event instanceof AgentEvents.Init init) {
      renderInit(out, init);
    } else if (event instanceof AgentEvents.Thinking thinking) {
      appendShortened(out, "  " + symbols.thinking + " ", "    ", thinking.text(), toolResultLines, maxLineLength,
          ansi::dim);
    } else if (event instanceof AgentEvents.ToolUse toolUse) {
      pendingToolUse = toolUse;
    } else if (event instanceof AgentEvents.ToolDecision decision) {
      renderDecision(out, decision, decidesPendingCall ? pendingToolUse : null);
      pendingToolUse = null;
    } else if (event instanceof AgentEvents.ToolResult result) {
      renderToolResult(out, result);
    } else if (event instanceof AgentEvents.Error error) {
      appendShortened(out, symbols.error + " error: ", "  ", error.message(), ERROR_LINES, ERROR_LINE_LENGTH,
          ansi::red);
    } else if (event instanceof TurnResult result) {
      renderSummary(out, result);
    }
    // Raw events are provider messages hotplex does not model: kept in the JSON log, not shown to humans.
    return out.toString();
  }

  /** Whatever is still held back (an undecided tool call, an unfinished line); call when the stream ends. */
  public String finish() {
    StringBuilder out = new StringBuilder();
    flushPendingToolUse(out);
    endLine(out);
    return out.toString();
  }

  private void renderText(StringBuilder out, AgentEvents.Text text) {
    if (textStreamed) {
      // The deltas already printed this text.
      textStreamed = false;
      return;
    }
    if (!text.text().isEmpty()) {
      out.append(visible(text.text(), true));
      if (!text.text().endsWith("\n")) {
        out.append('\n');
      }
    }
  }

  private void renderInit(StringBuilder out, AgentEvents.Init init) {
    if (init.agentSessionId() != null && init.agentSessionId().equals(announcedSessionId)) {
      return;
    }
    announcedSessionId = init.agentSessionId();
    StringBuilder line = new StringBuilder(symbols.info).append(" agent session ")
        .append(init.agentSessionId() == null ? "(new)" : visible(init.agentSessionId(), false));
    if (init.model() != null) {
      line.append(" | model ").append(visible(init.model(), false));
    }
    if (init.cwd() != null) {
      line.append(" | ").append(visible(init.cwd(), false));
    }
    out.append(ansi.dim(line.toString())).append('\n');
  }

  private void renderDecision(StringBuilder out, AgentEvents.ToolDecision decision, AgentEvents.ToolUse call) {
    JsonNode input = call != null && call.input() != null ? call.input() : decision.input();
    String name = call != null ? call.toolName() : decision.toolName();
    out.append(toolLine(name, input)).append("  ");
    if (decision.allowed()) {
      String rule = decision.rule() == null ? "" : " (" + visible(decision.rule(), false) + ")";
      out.append(ansi.green(symbols.allowed + " allowed" + rule));
    } else {
      String rule = decision.rule() == null ? "" : " by " + visible(decision.rule(), false);
      String reason = decision.reason() == null ? ""
          : ": " + cut(decision.reason().strip().replaceAll("\\s*\n\\s*", " "), ERROR_LINE_LENGTH);
      out.append(ansi.red(symbols.denied + " denied" + rule + reason));
    }
    out.append('\n');
  }

  private void flushPendingToolUse(StringBuilder out) {
    if (pendingToolUse != null) {
      endLine(out);
      out.append(toolLine(pendingToolUse.toolName(), pendingToolUse.input())).append('\n');
      pendingToolUse = null;
    }
  }

  private String toolLine(String toolName, JsonNode input) {
    String summary = describeInput(input);
    return symbols.tool + " " + visible(toolName, false) + (summary.isEmpty() ? "" : ": " + summary);
  }

  private String describeInput(JsonNode input) {
    return oneLine(inputSummary(input));
  }

  /**
   * What best describes a tool call's input, uncut: its command, file path, pattern, URL (the first of those
   * present), else the input as JSON; empty when there is no input.
   */
  public static String inputSummary(JsonNode input) {
    if (input == null || input.isNull() || input.isMissingNode()) {
      return "";
    }
    for (String field : SUMMARY_FIELDS) {
      JsonNode value = input.get(field);
      if (value != null && value.isTextual() && !value.asText().isBlank()) {
        return value.asText();
      }
    }
    return input.isObject() && input.isEmpty() ? "" : input.toString();
  }

  private void renderToolResult(StringBuilder out, AgentEvents.ToolResult result) {
    String marker = "  " + symbols.result + " " + (result.isError() ? symbols.denied + " " : "");
    String content = result.content() == null || result.content().isBlank() ? "(no output)" : result.content();
    appendShortened(out, marker, "    ", content, toolResultLines, maxLineLength,
        result.isError() ? ansi::red : ansi::dim);
  }

  private void renderSummary(StringBuilder out, TurnResult result) {
    turnsEnded++;
    Usage usage = result.usage();
    int denied = result.permissionDenials().size();
    String status = result.isError()
        ? "FAILED" + (result.subtype() == null ? "" : " (" + visible(result.subtype(), false) + ")")
        : "ok";
    String line = symbols.rule + " turn " + turnsEnded + ": " + status
        + " | " + formatDuration(result.durationMs())
        + " | " + count(usage.inputTokens()) + " in / " + count(usage.outputTokens()) + " out tokens"
        + " (cache read " + count(usage.cacheReadInputTokens())
        + " / write " + count(usage.cacheCreationInputTokens()) + ")"
        + " | " + String.format(Locale.ROOT, "$%.4f", result.costUsd())
        + " | " + result.toolCalls() + (result.toolCalls() == 1 ? " tool call" : " tool calls")
        + (denied > 0 ? ", " + denied + " denied" : "");
    out.append(result.isError() ? ansi.red(line) : ansi.bold(line)).append('\n');
    if (result.isError()) {
      String why = result.errorMessage() != null ? result.errorMessage() : result.text();
      if (why != null && !why.isBlank()) {
        appendShortened(out, symbols.error + " turn " + turnsEnded + " failed: ", "  ", why, ERROR_LINES,
            ERROR_LINE_LENGTH, ansi::red);
      }
    }
  }

  /** Appends the first lines of {@code text}, then how many were left out. */
  private void appendShortened(StringBuilder out, String firstPrefix, String prefix, String text, int maxLines,
      int maxLength, UnaryOperator<String> style) {
    List<String> lines = (text == null ? "" : text).strip().lines().toList();
    int shown = Math.min(lines.size(), maxLines);
    for (int i = 0; i < shown; i++) {
      out.append(style.apply(((i == 0 ? firstPrefix : prefix) + cut(lines.get(i), maxLength)).stripTrailing()))
          .append('\n');
    }
    int omitted = lines.size() - shown;
    if (omitted > 0) {
      out.append(style.apply(prefix + symbols.ellipsis + " " + omitted + (omitted == 1 ? " more line" : " more lines")))
          .append('\n');
    }
  }

  private void endLine(StringBuilder out) {
    if (midLine) {
      out.append('\n');
      midLine = false;
    }
  }

  /** The first line of {@code text}, marked when more follow, cut to the maximum length. */
  private String oneLine(String text) {
    String stripped = text == null ? "" : text.strip();
    int newline = stripped.indexOf('\n');
    String first = newline < 0 ? stripped : stripped.substring(0, newline).stripTrailing() + " " + symbols.ellipsis;
    return cut(first, maxLineLength);
  }

  /** One line of agent-supplied text, made {@link #visible} and cut to {@code maxLength}. */
  private String cut(String line, int maxLength) {
    String shown = visible(line, false);
    return shown.length() <= maxLength ? shown : shown.substring(0, maxLength) + symbols.ellipsis;
  }

  /**
   * {@code text} with what a terminal or log viewer would act on written out instead: control characters (but
   * tab, and newlines where {@code keepNewlines}), Unicode line and paragraph separators and bidi controls become
   * {@code \n}, {@code \r} or {@code \u202e}. So a file name, a cwd or a tool's output can never forge a log
   * line, move the cursor or flip the text around it (issue 9); assistant text keeps its line breaks.
   */
  static String visible(String text, boolean keepNewlines) {
    if (text == null || text.codePoints().noneMatch(EventRenderer::unsafe)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (keepNewlines && c == '\r' && i < text.length() && text.charAt(i) == '\n') {
        continue; // CRLF: the LF that follows breaks the line
      }
      if (!unsafe(c) || (keepNewlines && c == '\n')) {
        out.appendCodePoint(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else {
        out.append(String.format(Locale.ROOT, "\\u%04x", c));
      }
    }
    return out.toString();
  }

  private static boolean unsafe(int c) {
    return (Character.isISOControl(c) && c != '\t') || c == 0x2028 || c == 0x2029 || c == 0x061C
        || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String formatDuration(long millis) {
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d m %02d s", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d m", seconds / 3600, seconds % 3600 / 60);
  }

  /** The marks used in the log, in a Unicode and a plain ASCII set. */
  private record Symbols(String tool, String allowed, String denied, String result, String error, String info,
      String thinking, String ellipsis, String rule) {
    static final Symbols UNICODE = new Symbols("▶", "✔", "✖", "↳", "✖", "•", "(thinking)", "…", "──");
    static final Symbols ASCII = new Symbols(">", "+", "x", "<-", "!!", "*", "(thinking)", "...", "--");
  }

  /** ANSI styling, or none. */
  private record Ansi(boolean enabled) {
    String red(String text) {
      return style("31", text);
    }

    String green(String text) {
      return style("32", text);
    }

    String dim(String text) {
      return style("2", text);
    }

    String bold(String text) {
      return style("1", text);
    }

    private String style(String code, String text) {
      return enabled ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
  }

  /** Options of an {@link EventRenderer}. */
  public static final class Builder {
    private boolean ascii;
    private boolean color;
    private int toolResultLines = DEFAULT_TOOL_RESULT_LINES;
    private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
    private int firstTurn = 1;

    private Builder() {}

    /**
     * The number the first turn's summary line shows (default 1), for a renderer that joins a session after its
     * first turns, as a CI step that renders one turn of a warm session does.
     */
    public Builder firstTurn(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("firstTurn must be 1 or more, not " + value);
      }
      firstTurn = value;
      return this;
    }

    /** Plain ASCII symbols instead of Unicode ones (default false). */
    public Builder ascii(boolean value) {
      ascii = value;
      return this;
    }

    /** ANSI colors (default false). */
    public Builder color(boolean value) {
      color = value;
      return this;
    }

    /** Lines of each tool result and thinking block to show (default 5). */
    public Builder toolResultLines(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("toolResultLines must be 1 or more, not " + value);
      }
      toolResultLines = value;
      return this;
    }

    /** Longest line shown for tool inputs, tool results and thinking (default 200). */
    public Builder maxLineLength(int value) {
      if (value < 20) {
        throw new IllegalArgumentException("maxLineLength must be 20 or more, not " + value);
      }
      maxLineLength = value;
      return this;
    }

    public EventRenderer build() {
      return new EventRenderer(this);
    }
  }
}
