package dev.hotplex.session;

import static dev.hotplex.session.FakeAgents.TEST_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.Hotplex;
import dev.hotplex.event.TurnResult;
import dev.hotplex.testkit.fakecli.FakeAgentCli.Mode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionSecretsTest {
  // The fake CLI prints this sentence on stderr when it crashes; declared as a secret, it must never show.
  private static final String SECRET_IN_STDERR = "simulated crash in the middle of a turn";

  @TempDir Path dir;

  @Test
  void engineErrorMessagesNeverShowADeclaredSecret() throws Exception {
    SessionOptions options = FakeAgents.options(dir, Mode.NORMAL).addSecret(SECRET_IN_STDERR).build();
    try (Session session = Hotplex.session(options, FakeAgents.registry())) {
      TurnResult crashed = session.send("MODE:crash-mid-turn go", null).await(TEST_TIMEOUT).orElseThrow();

      assertThat(crashed.isError()).isTrue();
      assertThat(crashed.errorMessage()).contains("stderr tail").contains("****").doesNotContain(SECRET_IN_STDERR);
    }
  }

  @Test
  void eventsAndResultsNeverShowTheKeyEvenWhenTheAgentPrintsIt() throws Exception {
    SessionOptions options = FakeAgents.options(dir, Mode.NORMAL).build();
    try (Session session = Hotplex.session(options, FakeAgents.registry())) {
      FakeAgents.Recorder events = new FakeAgents.Recorder();
      // The fake echoes the prompt: an agent that prints its own key.
      TurnResult result = session.send("my key is test-key", events).await(TEST_TIMEOUT).orElseThrow();

      assertThat(result.text()).isEqualTo("ECHO: my key is ****");
      assertThat(events.of(dev.hotplex.event.AgentEvents.Text.class)).singleElement()
          .satisfies(text -> assertThat(text.text()).isEqualTo("ECHO: my key is ****"));
    }
  }

  @Test
  void aSecretInANonJsonLineIsMaskedBeforeTheLineIsShortened() throws Exception {
    String key = "fake-key-0123456789abcdef";
    SessionOptions options = FakeAgents.options(dir, Mode.NORMAL)
        .environment(FakeAgentProvider.API_KEY_VARIABLE, key).build();
    try (Session session = Hotplex.session(options, FakeAgents.registry())) {
      FakeAgents.Recorder events = new FakeAgents.Recorder();
      // The quoted excerpt of a bad line ends at 200 characters: here, ten characters into the key.
      session.send("MODE:noise " + "x".repeat(190) + key, events).await(TEST_TIMEOUT).orElseThrow();

      assertThat(events.of(dev.hotplex.event.AgentEvents.Error.class)).singleElement()
          .satisfies(error -> assertThat(error.message()).contains("xxx****").doesNotContain("fake-key-0"));
    }
  }

  @Test
  void theSessionMasksTheProviderKeyAsTheAgentReceivesIt() {
    SessionOptions options = FakeAgents.options(dir, Mode.NORMAL).build();
    try (Session session = Hotplex.session(options, FakeAgents.registry())) {
      assertThat(session.secretMasker().mask("key=test-key")).isEqualTo("key=****");
    }
  }
}
