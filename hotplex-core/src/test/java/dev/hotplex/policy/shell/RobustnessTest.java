package dev.hotplex.policy.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RobustnessTest {
  private static final String SHELL_ALPHABET = "ab rm-/$(){}[]'\"`\\|&;<>\n\t#=~*?!%^:,.0123456789c\0";

  static Stream<String> malformed() {
    return Stream.of(
        "echo \"unterminated",
        "echo 'unterminated",
        "echo $'unterminated",
        "echo `unterminated",
        "echo $(unterminated",
        "echo ${unterminated",
        "echo $((1 +",
        "(unbalanced",
        "unbalanced)",
        "{ unterminated group",
        "case x in a) echo",
        "cat <<EOF\nno end",
        "cat <<",
        "echo >",
        "if then fi done esac } ) ;; ;& &&& ||| |",
        "\\",
        "$",
        "rm \0 -rf /\0",
        "f() ( x )",
        "a=(unterminated");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedInputIsReportedNotThrown(String script) {
    ShellAnalysis analysis = ShellAnalyzer.analyze(script);
    assertThat(analysis.source()).isEqualTo(script);
    assertThat(analysis.fullyResolved() && analysis.problems().isEmpty()
        || !analysis.fullyResolved()).isTrue();
  }

  @Test
  void unterminatedQuoteIsAProblemAndUnresolved() {
    ShellAnalysis analysis = ShellAnalyzer.analyze("rm -rf \"/tmp");
    assertThat(analysis.problems()).contains("unterminated double quote");
    assertThat(analysis.invocations().get(0).args().get(1).resolved()).isFalse();
    assertThat(analysis.fullyResolved()).isFalse();
  }

  @Test
  void nullIsAnEmptyScript() {
    ShellAnalysis analysis = ShellAnalyzer.analyze(null);
    assertThat(analysis.invocations()).isEmpty();
    assertThat(analysis.fullyResolved()).isTrue();
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("deeplyNested")
  void deepNestingStopsAtTheLimitWithAnUnresolvedCommand(String script) {
    ShellAnalysis analysis = ShellAnalyzer.analyze(script);
    assertThat(analysis.problems()).anyMatch(p -> p.contains("deeper than " + ScriptParser.MAX_DEPTH));
    assertThat(analysis.invocations()).anyMatch(i -> !i.fullyResolved());
  }

  static Stream<String> deeplyNested() {
    return Stream.of(
        "$(".repeat(10_000) + "rm" + ")".repeat(10_000),
        "( ".repeat(10_000) + "rm" + " )".repeat(10_000),
        "{ ".repeat(10_000) + "rm" + "; }".repeat(10_000),
        "eval ".repeat(10_000) + "rm",
        "sudo ".repeat(10_000) + "rm",
        "env nice timeout 1 ".repeat(3_000) + "rm",
        "f() { ".repeat(10_000) + "rm");
  }

  @Test
  void hugeGarbageIsBounded() {
    Random random = new Random(42);
    char[] garbage = new char[1 << 20];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = SHELL_ALPHABET.charAt(random.nextInt(SHELL_ALPHABET.length()));
    }
    ShellAnalysis analysis = ShellAnalyzer.analyze(new String(garbage));
    assertThat(analysis.invocations().size()).isLessThanOrEqualTo(AnalysisSink.MAX_INVOCATIONS);
    assertThat(analysis.fullyResolved()).isFalse();
  }

  @Test
  void tooManyCommandsAreCutOffWithAProblem() {
    ShellAnalysis analysis = ShellAnalyzer.analyze("a;".repeat(AnalysisSink.MAX_INVOCATIONS + 5));
    assertThat(analysis.invocations()).hasSize(AnalysisSink.MAX_INVOCATIONS);
    assertThat(analysis.problems()).anyMatch(p -> p.startsWith("more than"));
  }

  @Test
  void hugeBraceExpansionIsNotExpanded() {
    Word word = ShellAnalyzer.analyze("echo " + "{a,b}".repeat(30)).invocations().get(0).args().get(0);
    assertThat(word.resolved()).isFalse();
  }

  @Test
  void hundredThousandRandomInputsNeverThrow() {
    Random random = new Random(20261124);
    String[] fragments = {"rm ", "-rf ", "/", "$(", ")", "`", "'", "\"", "\\", "${", "}", "{", ",", "|", "&&", ";",
        "\n", "<<EOF\n", "EOF\n", "<(", "bash -c ", "eval ", "sudo ", "python3 -c ", "os.system('", "case x in ",
        ";;", "esac", "if ", "then ", "fi", "for i in ", "do ", "done", "$'\\x", "a=", "$a", "# ", "((", "))",
        "find . -exec ", "\\;", "xargs ", "<<<", "2>&1", "[[ ", "]]", "f() ", "\0", "\t"};
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      StringBuilder script = new StringBuilder();
      int parts = random.nextInt(12);
      for (int p = 0; p < parts; p++) {
        if (random.nextInt(4) == 0) {
          script.append(SHELL_ALPHABET.charAt(random.nextInt(SHELL_ALPHABET.length())));
        } else {
          script.append(fragments[random.nextInt(fragments.length)]);
        }
      }
      ShellAnalysis analysis = ShellAnalyzer.analyze(script.toString());
      if (analysis.problems().stream().anyMatch(problem -> problem.startsWith("analyser failure"))) {
        failures.add(script.toString());
      }
    }
    assertThat(failures).isEmpty();
  }
}
