package dev.hotplex.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobTest {
  @Test
  void translationNamesTheLiteralTextEveryMatchContains() {
    assertLiterals("/dev/sd*", true, "/dev/sd", "/dev/sd");
    assertLiterals("/etc/sudoers.d", true, "/etc/sudoers.d", "/etc/sudoers.d");
    assertLiterals("mkfs.*", false, "mkfs.", "mkfs.");
    assertLiterals("*:deploy-file", false, "", ":deploy-file");
    assertLiterals("/etc/ssh/ssh_host_*", true, "/etc/ssh/ssh_host_", "/etc/ssh/ssh_host_");
  }

  @Test
  void theSlashAfterDoubleStarIsOptionalSoItIsNotRequiredText() {
    assertLiterals("**/id_rsa*", true, "", "id_rsa");
    assertThat(Glob.compile("**/id_rsa*", true).matcher("id_rsa").matches()).isTrue();
  }

  @Test
  void bracesBracketsAndWildcardsInterruptTheLiteralText() {
    assertLiterals("/proc/*/environ", true, "/proc/", "/environ");
    assertLiterals("{a,b}cd", false, "", "cd");
    assertLiterals("x[!0-9]yz", false, "x", "yz");
    assertLiterals("ab?cde", false, "ab", "cde");
  }

  @Test
  void unclosedBracketsAndStrayBracesAreLiteral() {
    assertLiterals("a[b", false, "a[b", "a[b");
    assertLiterals("a}b,c", false, "a}b,c", "a}b,c");
  }

  @Test
  void nameSetMatchesExactlyLikeTheGlobRegexes() {
    List<String> names = List.of("mkfs.*", "rm", "lv*", "*ctl", "x{a,b}y", "[pq]kill", "?sh");
    Glob.NameSet set = new Glob.NameSet(names);
    List<String> candidates = List.of("mkfs.ext4", "mkfs", "mkfs.", "rm", "rmdir", "lvcreate", "lv", "systemctl",
        "ctl", "xay", "xby", "xy", "pkill", "qkill", "kill", "ssh", "zsh", "sh", "", "MKFS.EXT4");
    for (String candidate : candidates) {
      boolean expected = names.stream().anyMatch(n -> Glob.isGlob(n)
          ? Glob.compile(n, false).matcher(candidate).matches() : n.equals(candidate));
      assertThat(set.contains(candidate)).as(candidate).isEqualTo(expected);
    }
  }

  private static void assertLiterals(String glob, boolean pathMode, String prefix, String longest) {
    Glob.Translation translation = Glob.translate(glob, pathMode);
    assertThat(translation.prefix()).as("prefix of " + glob).isEqualTo(prefix);
    assertThat(translation.longestLiteral()).as("longest literal of " + glob).isEqualTo(longest);
  }
}
