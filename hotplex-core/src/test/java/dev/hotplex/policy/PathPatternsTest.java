package dev.hotplex.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PathPatternsTest {
  /** HOME and workspace apart, and side by side under a readable directory (as in a temporary folder). */
  private static final List<List<Path>> HOMES_AND_WORKSPACES = List.of(
      List.of(Path.of("/home/ci"), Path.of("/ci/ws/repo")), List.of(Path.of("/tmp/b/home"), Path.of("/tmp/b/ws")));

  /** Paths around the shipped patterns: matches, near misses, other anchors. */
  private static final List<String> PATHS = List.of("/", "/etc", "/etc/shadow", "/etc/shadow-", "/etc/shadowx",
      "/etc/sudoers.d/x", "/etc/sudoers.dx", "/etc/ssh/ssh_host_rsa_key", "/etc/ssh/sshd_config", "/proc/1/environ",
      "/proc/self/environ", "/proc/1/x/environ", "/proc/cpuinfo", "/usr", "/usr/bin/ls", "/usrx", "/tmp/x",
      "/home/ci/.ssh", "/home/ci/.ssh/id_rsa", "/home/ci/.sshx", "/home/ci/.m2/settings.xml",
      "/home/ci/.m2/repository/a.jar", "/home/ci/.config/gcloud/x", "/home/ci", "/home/cix/.ssh/id_rsa",
      "/ci/ws/repo/id_rsa", "/ci/ws/repo/keys/id_ed25519.pub", "/ci/ws/repo/src/App.java",
      "/ci/ws/repo/.git/hooks/pre-commit", "/ci/ws/repo/.git/hooksx", "/var/run/docker.sock", "/run/secrets/a",
      "/dev/null", "/dev/sda1", "/boot/vmlinuz", "/opt/id_rsa_backup/x", "/x/ID_RSA", "/tmp/b/home",
      "/tmp/b/home/.ssh/id_rsa", "/tmp/b/home/.m2/repository/x.jar", "/tmp/b/ws/.git/hooks/x", "/tmp/b/ws/src/a.java",
      "/tmp/b/ws/id_rsa", "/tmp/b/homex/.ssh/k");

  @Test
  void theShippedPathListsMatchExactlyLikeOneJoinedRegex() {
    Policy policy = Policy.defaults();
    assertSameAsJoinedRegex(policy.secretPaths());
    assertSameAsJoinedRegex(policy.readablePaths());
  }

  @Test
  void patternsOfEveryAnchorMatchExactlyLikeOneJoinedRegex() {
    assertSameAsJoinedRegex(List.of("~", "~/.ssh/**", "src/*.java", ".git/hooks/**", "**/id_rsa*", "/etc/cron*/**",
        "/dev/{sd,hd}*", "/proc/[0-9]*/mem", "~/.config/{gh,hub}/**"));
  }

  @Test
  void anEmptyListMatchesNothing() {
    assertThat(PathPatterns.of(List.of(), Path.of("/home/ci"), Path.of("/ws")).matches(Path.of("/"))).isFalse();
  }

  private static void assertSameAsJoinedRegex(List<String> texts) {
    List<PathGlob> globs = texts.stream().map(PathGlob::compile).toList();
    for (List<Path> homeAndWorkspace : HOMES_AND_WORKSPACES) {
      String home = homeAndWorkspace.get(0).toString();
      String workspace = homeAndWorkspace.get(1).toString();
      PathPatterns patterns = PathPatterns.of(globs, homeAndWorkspace.get(0), homeAndWorkspace.get(1));
      List<String> parts = new ArrayList<>();
      for (PathGlob glob : globs) {
        parts.add("(?:" + glob.absoluteRegex(home, workspace) + ")");
      }
      Pattern joined = Pattern.compile(String.join("|", parts));
      int matched = 0;
      for (String path : PATHS) {
        boolean expected = joined.matcher(path).matches();
        assertThat(patterns.matches(Path.of(path))).as(path + " against " + texts + " with HOME " + home)
            .isEqualTo(expected);
        matched += expected ? 1 : 0;
      }
      assertThat(matched).as("the sample paths exercise matches").isPositive();
    }
  }
}
