package dev.hotplex.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TurnResultTest {

  @Test
  void engineDenialsMergeWithTheAgentsOwnAndReplaceTheSameCall() {
    PermissionDenial bySettings = new PermissionDenial("WebFetch", "t1", null, null, null);
    PermissionDenial fromAgent = new PermissionDenial("Bash", "t2", null, null, null);
    PermissionDenial byPolicy = new PermissionDenial("Bash", "t2", null, "destroy.outside-workspace", "no");
    TurnResult agent = new TurnResult("done", false, "success", "s", Usage.ZERO, 0.01, 5, 3, 1, 0,
        List.of(bySettings, fromAgent), "end_turn", null, null);

    TurnResult merged = agent.withEngineFacts(40, 2, List.of(byPolicy));

    assertThat(merged.permissionDenials()).containsExactly(bySettings, byPolicy);
    assertThat(merged.durationMs()).isEqualTo(40);
    assertThat(merged.toolCalls()).isEqualTo(2);
    assertThat(merged.success()).isTrue();
  }

  @Test
  void failureIsNeverASuccess() {
    TurnResult failed = TurnResult.failure("error_process_exited", "exit 1", null, 10, 0, List.of());
    assertThat(failed.success()).isFalse();
    assertThat(failed.errorMessage()).isEqualTo("exit 1");
  }
}
