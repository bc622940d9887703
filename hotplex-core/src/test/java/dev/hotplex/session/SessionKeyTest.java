package dev.hotplex.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionKeyTest {
  @Test
  void printableScopeAndIdNameTheSession() {
    assertThat(SessionKey.of("build-42@agent-1", "review (stage 2)")).hasToString("build-42@agent-1/review (stage 2)");
  }

  @Test
  void controlCharactersAreRefusedAndShownAsQuestionMarks() {
    assertThatThrownBy(() -> SessionKey.of("ci", "a\nb")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("session id must not contain control characters").hasMessageEndingWith("a?b");
    assertThatThrownBy(() -> SessionKey.of("ci\u001b[2J", "a")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("session scope").hasMessageEndingWith("ci?[2J");
    assertThatThrownBy(() -> SessionKey.of("ci", "c1\u009bcontrol")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("c1?control");
  }

  @Test
  void blankIdIsRefused() {
    assertThatThrownBy(() -> SessionKey.of("ci", " ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("session id must not be blank");
  }
}
