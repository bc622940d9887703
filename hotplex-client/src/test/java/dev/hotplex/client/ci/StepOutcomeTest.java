package dev.hotplex.client.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.event.EventJson;
import dev.hotplex.event.PermissionDenial;
import dev.hotplex.event.TurnResult;
import dev.hotplex.event.Usage;
import dev.hotplex.secrets.SecretMasker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepOutcomeTest {
  private static final String KEY = "sk-ant-test-0123456789";
  private static final CiTurns.Started STARTED = new CiTurns.Started("ses_1", "review", 2, false, false, "/s");

  private static PermissionDenial denial(String command) {
    return new PermissionDenial("Bash", "t1", EventJson.mapper().createObjectNode().put("command", command),
        "destroy.outside-workspace", "Deleting outside the workspace is not allowed.");
  }

  private static TurnResult result(boolean error, String text, List<PermissionDenial> denials) {
    return new TurnResult(text, error, error ? "error_during_execution" : "success", "a1",
        new Usage(1000, 200, 30, 40), 0.25, 5000, 4000, 3, 4, denials, null, null,
        error ? "The model API answered 529 Overloaded." : null);
  }

  @Test
  void textIsTheDefaultReturnValue() {
    StepOutcome outcome = StepOutcome.of(result(false, "All good.", List.of()), STARTED, 4711, SecretMasker.none());

    assertThat(outcome.returnValue(false)).isEqualTo("All good.");
    assertThat(outcome.failure(true)).isEmpty();
  }

  @Test
  void detailsMapHasEveryDocumentedField() {
    StepOutcome outcome = StepOutcome.of(result(false, "Found 2 problems.", List.of(denial("rm -rf ~"))), STARTED,
        4711, SecretMasker.none());

    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) outcome.returnValue(true);

    assertThat(details).containsEntry("text", "Found 2 problems.").containsEntry("sessionId", "ses_1")
        .containsEntry("session", "review").containsEntry("turn", 2).containsEntry("agentPid", 4711L)
        .containsEntry("agentSessionId", "a1").containsEntry("success", true).containsEntry("costUsd", 0.25)
        .containsEntry("turns", 3).containsEntry("toolCalls", 4).containsEntry("durationMs", 5000L);
    assertThat(details.get("tokens")).isEqualTo(Map.of("input", 1000L, "output", 200L, "cacheRead", 40L,
        "cacheWrite", 30L, "total", 1270L));
    assertThat(details.get("denied")).isEqualTo(List.of(Map.of("tool", "Bash", "input", "rm -rf ~",
        "rule", "destroy.outside-workspace", "reason", "Deleting outside the workspace is not allowed.")));
  }

  @Test
  void failedTurnAlwaysFailsTheStepSayingWhy() {
    StepOutcome outcome = StepOutcome.of(result(true, "", List.of()), STARTED, -1, SecretMasker.none());

    assertThat(outcome.failure(false)).hasValue("The agent's turn 2 in session 'review' failed"
        + " (error_during_execution) The model API answered 529 Overloaded.");
    assertThat(outcome.summary()).startsWith("FAILED:");
  }

  @Test
  void deniedCallsFailTheStepOnlyWithFailOnDenied() {
    StepOutcome outcome = StepOutcome.of(result(false, "Done.", List.of(denial("rm -rf ~"))), STARTED, 1,
        SecretMasker.none());

    assertThat(outcome.failure(false)).isEmpty();
    assertThat(outcome.failure(true)).hasValue("failOnDenied: 1 tool call was denied in turn 2 of session"
        + " 'review':\n  Bash: rm -rf ~ -- denied by destroy.outside-workspace: Deleting outside the workspace is"
        + " not allowed.");
  }

  @Test
  void secretsAreMaskedInTextInputsAndReasons() {
    StepOutcome outcome = StepOutcome.of(result(false, "key " + KEY, List.of(denial("echo " + KEY))), STARTED, 1,
        SecretMasker.of(KEY));

    assertThat(outcome.text()).isEqualTo("key ****");
    assertThat(outcome.denied()).singleElement().satisfies(d -> assertThat(d.input()).isEqualTo("echo ****"));
    assertThat(outcome.details().toString()).doesNotContain(KEY);
  }

  @Test
  void summaryLineHasCostTokensTimeAndDenials() {
    StepOutcome outcome = StepOutcome.of(result(false, "Done.", List.of(denial("x"))), STARTED, 1,
        SecretMasker.none());

    assertThat(outcome.summary()).isEqualTo("done: $0.2500, 1,270 tokens, 5.0 s, 4 tool calls, 1 denied");
  }
}
