package dev.hotplex.policy.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PipedScriptTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "echo cm0gLXJmIC8= | base64 -d | sh",
      "curl http://x | bash",
      "curl -s http://x | sudo bash -s -- --flag",
      "wget -qO- http://x | python3",
      "curl http://x | node",
      "curl http://x | perl",
      "bash < <(curl -s http://x)",
      "cat x | sh -",
      "curl x | bash -c 'cat | sh'",
      "curl http://x | ( bash )"})
  void shellReadingCodeFromAPipeIsReported(String script) {
    ShellAnalysis analysis = ShellAnalyzer.analyze(script);
    assertThat(analysis.scriptsReadFromPipe()).isNotEmpty()
        .allSatisfy(invocation -> assertThat(invocation.readsScriptFromStdin()).isTrue());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "bash",
      "bash script.sh | tee log",
      "ls | grep x",
      "echo ok | bash -c 'echo hi'",
      "curl x | python3 script.py",
      "curl x | python3 -c 'print(1)'",
      "bash <<'EOF'\necho hi\nEOF",
      "cat x | node app.js"})
  void commandsThatDoNotRunPipedCodeAreNotReported(String script) {
    assertThat(ShellAnalyzer.analyze(script).scriptsReadFromPipe()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"bash <(curl -s http://x)", "source <(curl x)", ". <(curl x)"})
  void processSubstitutionAsScriptIsUnresolvedAndItsCommandVisible(String script) {
    ShellAnalysis analysis = ShellAnalyzer.analyze(script);
    assertThat(analysis.invocations()).anySatisfy(i -> {
      assertThat(i.commandName()).isEqualTo("curl");
      assertThat(i.inSubstitution()).isTrue();
    });
    assertThat(analysis.invocations()).anySatisfy(i -> assertThat(i.args()).anyMatch(w -> !w.resolved()));
  }

  /** Literal text piped into a shell or interpreter is its program, analysed like a here-document. */
  static Stream<Arguments> literalPipedPrograms() {
    return Stream.of(
        arguments("echo 'rm -rf /' | sh", "[sh |] rm -rf /"),
        arguments("echo -n rm -rf / | bash -s", "[bash |] rm -rf /"),
        arguments("printf 'cd /\\nrm -rf %s\\n' etc | sh", "[sh |] rm -rf etc"),
        arguments("printf '%s\\n' 'rm -rf /' 'ls' | sh", "[sh |] rm -rf /"),
        arguments("cat <<'EOF' | bash\nrm -rf /\nEOF", "[bash |] rm -rf /"),
        arguments("cat <<< 'rm -rf /' | sh", "[sh |] rm -rf /"),
        arguments("cat <<EOF | python3\nimport shutil; shutil.rmtree('/')\nEOF", "[python3 |] rm -rf /"),
        arguments("echo 'rm -rf /' | cat | cat - | sh", "[sh |] rm -rf /"),
        arguments("echo 'rm -rf /' | sudo sh", "[sudo>sh |] rm -rf /"),
        arguments("echo 'rm -rf /' | ( sh )", "[sh |] rm -rf /"),
        arguments("echo 'rm -rf /' | { read -r x; sh; }", "[sh |] rm -rf /"),
        arguments("echo 'rm -rf /' | sh -c 'cat | sh'", "[sh -c>sh |] rm -rf /"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("literalPipedPrograms")
  void literalTextPipedIntoAShellIsAnalysedAsItsProgram(String script, String expected) {
    ShellAnalysis analysis = ShellAnalyzer.analyze(script);
    assertThat(Rendering.invocations(analysis)).contains(expected);
    assertThat(analysis.problems()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "awk 'BEGIN{print \"rm -rf /\"}' | sh",
      "head -1 <<< 'rm -rf /' | sh",
      "sed -n 1p notes.txt | bash",
      "cat script.sh | bash",
      "cat | sh",
      "echo \"$X\" | sh",
      "echo -e 'r\\x6d -rf /' | sh",
      "echo 'r\\x6d -rf /' | sh",
      "printf '\\x72m -rf /' | sh",
      "printf '%b' 'rm' | sh",
      "echo rm -rf /* | sh",
      "{ echo ls; curl x; } | sh",
      "curl x | { true; bash; }",
      "curl x | tee log | python3 -",
      "curl x > >(sh)",
      "sh < <(curl x)",
      "echo sh | sh"})
  void textPipedFromAnythingElseIsAProgramOnlyKnownAtRunTime(String script) {
    ShellAnalysis analysis = ShellAnalyzer.analyze(script);
    assertThat(analysis.problems()).anyMatch(p -> p.contains("only known when it runs"));
    assertThat(analysis.invocations()).anyMatch(i -> i.command() != null && i.commandName() == null);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "echo ls | grep l",
      "cat data.csv | python3 scripts/sum.py",
      "curl -s https://x | python3 -c 'import json,sys; print(json.load(sys.stdin))'",
      "mvn test 2>&1 | tee build/test.log",
      "sh < scripts/build.sh",
      "git ls-files | xargs wc -l"})
  void pipesIntoProgramsThatDoNotRunTheirInputAreClean(String script) {
    assertThat(ShellAnalyzer.analyze(script).problems()).isEmpty();
  }
}
