package dev.hotplex.client.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.event.PermissionDenial;
import dev.hotplex.event.TurnResult;
import dev.hotplex.event.Usage;
import dev.hotplex.secrets.SecretMasker;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a CI step makes of a finished turn: its return value (the final text, or the details map), its failure
 * (a failed turn always fails the step; a denied call does with {@code failOnDenied}) and the record a build page
 * shows. Every text in it has the run's secrets masked. Serializable and free of records, so a build can keep it
 * (in its saved XML, say).
 *
 * <p>The details map ({@link #details()}), with only strings, numbers, booleans, lists and maps, so a pipeline
 * script can use it as is:
 * <pre>
 * text          the final assistant text
 * sessionId     the daemon's session id (ses_...)
 * session       the session's name
 * turn          the session's turn number of this call
 * agentPid      the agent process id (the same in every call of a warm session), or -1
 * agentSessionId the agent's own conversation id
 * success       false when the turn failed
 * costUsd       the turn's cost in US dollars, as the agent reports it
 * tokens        a map: input, output, cacheRead, cacheWrite, total
 * turns         model round trips in this turn
 * toolCalls     tool calls the model asked for
 * denied        [[tool, input, rule, reason], ...] one map per denied call
 * durationMs    wall time of the turn
 * </pre>
 */
public final class StepOutcome implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Longest tool input kept for a denied call. */
  static final int MAX_INPUT_LENGTH = 300;

  /** A denied tool call: which tool, its input in one line, the rule that denied it and why. */
  public static final class Denied implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String tool;
    private final String input;
    private final String rule;
    private final String reason;

    public Denied(String tool, String input, String rule, String reason) {
      this.tool = tool;
      this.input = input;
      this.rule = rule;
      this.reason = reason;
    }

    public String tool() { return tool; }
    public String input() { return input; }
    public String rule() { return rule; }
    public String reason() { return reason; }
  }

  private final String text;
  private final String sessionId;
  private final String session;
  private final int turn;
  private final long agentPid;
  private final String agentSessionId;
  private final boolean success;
  private final String failureReason;
  private final double costUsd;
  private final long[] tokens;
  private final int modelTurns;
  private final int toolCalls;
  private final ArrayList<Denied> denied = new ArrayList<>();
  private final long durationMs;

  private StepOutcome(TurnResult result, CiTurns.Started started, long agentPid, SecretMasker masker) {
    text = masker.mask(result.text() == null ? "" : result.text());
    sessionId = started.sessionId();
    session = started.sessionName();
    turn = started.turn();
    this.agentPid = agentPid;
    agentSessionId = result.agentSessionId();
    success = result.success();
    failureReason = result.success() ? null : masker.mask(failureReason(result));
    costUsd = result.costUsd();
    Usage usage = result.usage();
    tokens = new long[] {usage.inputTokens(), usage.outputTokens(), usage.cacheReadInputTokens(),
        usage.cacheCreationInputTokens(), usage.totalTokens()};
    modelTurns = result.numTurns();
    toolCalls = result.toolCalls();
    durationMs = result.durationMs();
    for (PermissionDenial denial : result.permissionDenials()) {
      denied.add(new Denied(denial.toolName(), masker.mask(oneLine(denial.toolInput())),
          masker.mask(denial.rule()), masker.mask(denial.reason())));
    }
  }

  /**
   * The outcome of a finished turn.
   *
   * @param agentPid the session's agent process id after the turn, or -1 when none runs
   */
  public static StepOutcome of(TurnResult result, CiTurns.Started started, long agentPid, SecretMasker masker) {
    return new StepOutcome(result, started, agentPid, masker);
  }

  private static String failureReason(TurnResult result) {
    String why = result.errorMessage() != null ? result.errorMessage() : result.text();
    return (result.subtype() == null ? "" : "(" + result.subtype() + ") ")
        + (why == null || why.isBlank() ? "the agent reported an error without a message" : why.strip());
  }

  private static String oneLine(JsonNode input) {
    if (input == null || input.isNull() || input.isMissingNode()) {
      return "";
    }
    JsonNode command = input.get("command");
    String text = command != null && command.isTextual() ? command.asText() : input.toString();
    String line = text.strip().replaceAll("\\s*\n\\s*", " ");
    return line.length() <= MAX_INPUT_LENGTH ? line : line.substring(0, MAX_INPUT_LENGTH) + "...";
  }

  /** The step's return value: the final text, or with {@code returnDetails} the {@link #details()} map. */
  public Object returnValue(boolean returnDetails) {
    return returnDetails ? details() : text;
  }

  /** The details map described in the class comment (a new, mutable map each time). */
  public Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("text", text);
    details.put("sessionId", sessionId);
    details.put("session", session);
    details.put("turn", turn);
    details.put("agentPid", agentPid);
    details.put("agentSessionId", agentSessionId);
    details.put("success", success);
    details.put("costUsd", costUsd);
    Map<String, Object> tokenCounts = new LinkedHashMap<>();
    tokenCounts.put("input", tokens[0]);
    tokenCounts.put("output", tokens[1]);
    tokenCounts.put("cacheRead", tokens[2]);
    tokenCounts.put("cacheWrite", tokens[3]);
    tokenCounts.put("total", tokens[4]);
    details.put("tokens", tokenCounts);
    details.put("turns", modelTurns);
    details.put("toolCalls", toolCalls);
    List<Map<String, Object>> deniedCalls = new ArrayList<>();
    for (Denied call : denied) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("tool", call.tool());
      item.put("input", call.input());
      item.put("rule", call.rule());
      item.put("reason", call.reason());
      deniedCalls.add(item);
    }
    details.put("denied", deniedCalls);
    details.put("durationMs", durationMs);
    return details;
  }

  /**
   * Why the step fails, or empty when it succeeds: a failed turn always fails it; denied calls do when
   * {@code failOnDenied} is set. The message names the session and turn, and each denied call's rule and reason.
   */
  public Optional<String> failure(boolean failOnDenied) {
    if (!success) {
      return Optional.of("The agent's turn " + turn + " in session '" + session + "' failed " + failureReason);
    }
    if (failOnDenied && !denied.isEmpty()) {
      StringBuilder message = new StringBuilder("failOnDenied: " + denied.size() + " tool call"
          + (denied.size() == 1 ? " was" : "s were") + " denied in turn " + turn + " of session '" + session + "':");
      for (Denied call : denied) {
        message.append("\n  ").append(call.tool()).append(call.input().isEmpty() ? "" : ": " + call.input())
            .append(" -- denied by ").append(call.rule()).append(": ").append(call.reason());
      }
      return Optional.of(message.toString());
    }
    return Optional.empty();
  }

  /** One line for the build log: cost, tokens, time, tool calls. */
  public String summary() {
    return String.format(Locale.ROOT, "%s: $%.4f, %,d tokens, %.1f s, %d tool call%s%s", success ? "done" : "FAILED",
        costUsd, tokens[4], durationMs / 1000.0, toolCalls, toolCalls == 1 ? "" : "s",
        denied.isEmpty() ? "" : ", " + denied.size() + " denied");
  }

  public String text() { return text; }
  public String sessionId() { return sessionId; }
  public String session() { return session; }
  public int turn() { return turn; }
  public long agentPid() { return agentPid; }
  public boolean success() { return success; }
  public double costUsd() { return costUsd; }
  public long totalTokens() { return tokens[4]; }
  public int modelTurns() { return modelTurns; }
  public int toolCalls() { return toolCalls; }
  public List<Denied> denied() { return List.copyOf(denied); }
  public long durationMs() { return durationMs; }
}
