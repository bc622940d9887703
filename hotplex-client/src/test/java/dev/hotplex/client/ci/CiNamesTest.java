package dev.hotplex.client.ci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CiNamesTest {
  @Test
  void runScopeNamesTheSystemPipelineAndRun() {
    assertThat(CiNames.runScope("jenkins", "team/app/PR-7", 12)).isEqualTo("jenkins:team/app/PR-7#12");
  }

  @Test
  void daemonFolderIsOneSafeSegmentStablePerRunAndKeyAndDistinctOtherwise() {
    String folder = CiNames.daemonFolder("team/app/PR-7", 12, "node-1|cred");

    assertThat(folder).matches("run-12-[0-9a-f]{12}");
    assertThat(CiNames.daemonFolder("team/app/PR-7", 12, "node-1|cred")).isEqualTo(folder);
    assertThat(CiNames.daemonFolder("team/app/PR-7", 13, "node-1|cred")).isNotEqualTo(folder);
    assertThat(CiNames.daemonFolder("team/app/PR-7", 12, "node-1|other")).isNotEqualTo(folder);
    assertThat(CiNames.daemonFolder("team/app/PR-8", 12, "node-1|cred")).isNotEqualTo(folder);
  }

  @Test
  void sessionNamesAreShortAndPlain() {
    assertThat(CiNames.checkSessionName(null)).isEmpty();
    assertThat(CiNames.checkSessionName("review-2.fix_a")).isEmpty();
    assertThat(CiNames.checkSessionName("../x")).isPresent();
    assertThat(CiNames.checkSessionName("a b")).isPresent();
    assertThat(CiNames.checkSessionName("x".repeat(65))).get().asString().contains("at most 64");
  }
}
