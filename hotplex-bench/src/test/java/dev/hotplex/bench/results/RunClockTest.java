package dev.hotplex.bench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunClockTest {
  @Test
  void filesInTheCheckoutAreShownRelativeToIt() {
    Path agent = Path.of("").toAbsolutePath().resolve("target/instant-agent");
    assertThat(RunClock.shown(agent)).isEqualTo(Path.of("target/instant-agent").toString());
    assertThat(RunClock.shown(Path.of("target/../target/x"))).isEqualTo(Path.of("target/x").toString());
  }

  @Test
  void filesElsewhereKeepTheirAbsolutePath() {
    assertThat(RunClock.shown(Path.of("/usr/bin/claude"))).isEqualTo("/usr/bin/claude");
  }
}
