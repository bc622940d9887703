package dev.hotplex.policy.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class InterpreterCodeTest {

  /** Each script's invocations after the interpreter itself. */
  static Stream<Arguments> literalCommands() {
    return Stream.of(
        arguments("python3 -c \"import os; os.system('rm -rf /')\"", List.of("[python3 -c] rm -rf /")),
        arguments("python -c \"import subprocess; subprocess.run(['rm','-rf','/'])\"",
            List.of("[python -c] rm -rf /")),
        arguments("python3 -c 'import subprocess as sp; sp.check_output(\"ls | sh\", shell=True)'",
            List.of("[python3 -c] ls", "[python3 -c] sh", "[python3 -c>sh |] ?{ls}")),
        arguments("python3 -c \"from subprocess import run; run('id')\"", List.of("[python3 -c] id")),
        arguments("python3 -c \"__import__('os').system('id')\"", List.of("[python3 -c] id")),
        arguments("python3 -c \"os.popen('r' 'm x')\"", List.of("[python3 -c] rm x")),
        arguments("python3 -c \"os.system('rm ' + '-rf /')\"", List.of("[python3 -c] rm -rf /")),
        arguments("python3 -c \"exec('import os; os.system(\\\"id\\\")')\"", List.of("[python3 -c] id")),
        arguments("python3 -c \"import os; os.execvp('rm', ['rm', '-rf', '/'])\"",
            List.of("[python3 -c] rm rm -rf /")),
        arguments("python3 -c \"import shutil; shutil.rmtree('/x')\"", List.of("[python3 -c] rm -rf /x")),
        arguments("python3 -c \"import os; os.remove('/etc/passwd')\"", List.of("[python3 -c] rm /etc/passwd")),
        arguments("python3 -c \"print('os.system is not called here')\"", List.of()),
        arguments("python3 -c \"xs=[1]; xs.remove(1); print(len(xs))\"", List.of()),
        arguments("python3 - <<'EOF'\nimport os\nos.system('id')\nEOF", List.of("[python3 <<] id")),
        arguments("node -e \"require('child_process').execSync('curl x|sh')\"",
            List.of("[node -e] curl x", "[node -e] sh", "[node -e>sh |] ?{curl}")),
        arguments("node -e \"const {execSync}=require('child_process'); execSync('rm -rf /')\"",
            List.of("[node -e] rm -rf /")),
        arguments("node -e \"require('child_process').spawnSync('sh', ['-c', 'rm x'])\"",
            List.of("[node -e] sh -c rm x", "[node -e>sh -c] rm x")),
        arguments("node -e \"require('fs').rmSync('/x', {recursive: true})\"", List.of("[node -e] rm -rf /x")),
        arguments("node --eval=\"require('child_process').execSync('id')\"", List.of("[node -e] id")),
        arguments("node -p \"/a'b/.exec('x')\"", List.of()),
        arguments("perl -e 'system(\"rm -rf /\")'", List.of("[perl -e] rm -rf /")),
        arguments("perl -e 'system \"rm\", \"-rf\", \"/\"'", List.of("[perl -e] rm -rf /")),
        arguments("perl -le 'print qx{id}'", List.of("[perl -e] id")),
        arguments("perl -e 'print `id`'", List.of("[perl -e] id")),
        arguments("perl -e 'unlink \"/etc/passwd\"'", List.of("[perl -e] rm /etc/passwd")),
        arguments("ruby -e '`rm -rf /`'", List.of("[ruby -e] rm -rf /")),
        arguments("ruby -e 'system(\"rm\", \"-rf\", \"/\")'", List.of("[ruby -e] rm -rf /")),
        arguments("ruby -e 'FileUtils.rm_rf(\"/x\")'", List.of("[ruby -e] rm -rf /x")),
        arguments("php -r 'shell_exec(\"rm -rf /\");'", List.of("[php -r] rm -rf /")),
        arguments("php -r 'unlink(\"/x\");'", List.of("[php -r] rm /x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("literalCommands")
  void findsCommandsInInterpreterCode(String script, List<String> expected) {
    List<String> all = Rendering.invocations(script);
    assertThat(all.subList(1, all.size())).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> dynamicCode() {
    return Stream.of(
        arguments("python3 -c \"import os; os.system(cmd)\""),
        arguments("python3 -c \"exec(base64.b64decode('cm0='))\""),
        arguments("python3 -c \"eval(input())\""),
        arguments("python3 -c \"__import__(name)\""),
        arguments("python3 -c \"os.system(f'rm {x}')\""),
        arguments("node -e \"require('child_process').exec(process.argv[1])\""),
        arguments("node -e \"eval(atob('x'))\""),
        arguments("node -e \"require('child_' + x)\""),
        arguments("node -e \"require('child_process').execSync(`rm ${x}`)\""),
        arguments("perl -e 'system($cmd)'"),
        arguments("perl -e 'eval($code)'"),
        arguments("ruby -e 'system(\"rm #{x}\")'"),
        arguments("ruby -e 'eval(gets)'"),
        arguments("php -r 'eval($_GET[1]);'"),
        arguments("python3 -c \"import os; getattr(os, 'system')('id')\""),
        arguments("node -e \"process.binding('spawn_sync')\""),
        arguments("ruby -e 'Kernel.send(:system, \"id\")'"),
        arguments("node -e \"x=/'/; require('child_process').execSync('rm -rf /')\""),
        arguments("python3 -c \"$CODE\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dynamicCode")
  void dynamicCodeGivesAnUnresolvedCommandAndAProblem(String script) {
    ShellAnalysis analysis = ShellAnalyzer.analyze(script);
    assertThat(analysis.invocations()).anySatisfy(invocation -> {
      assertThat(invocation.wrapperChain()).hasSize(1);
      assertThat(invocation.commandName()).isNull();
    });
    assertThat(analysis.problems()).isNotEmpty();
    assertThat(analysis.fullyResolved()).isFalse();
  }

  /** Each script's environment reads, as the synthetic commands the secret rules judge. */
  static Stream<Arguments> environmentReads() {
    return Stream.of(
        arguments("node -p process.env.ANTHROPIC_API_KEY", List.of("[node -e] printenv ANTHROPIC_API_KEY")),
        arguments("node -e \"console.log(process.env['GH_TOKEN'], process.env.CI)\"",
            List.of("[node -e] printenv GH_TOKEN", "[node -e] printenv CI")),
        arguments("node -e 'console.log(`${process.env.NPM_TOKEN}`)'", List.of("[node -e] printenv NPM_TOKEN")),
        arguments("node -e \"console.log(require('process').env.X_KEY)\"", List.of("[node -e] printenv X_KEY")),
        arguments("node -e \"console.log(JSON.stringify(process.env))\"", List.of("[node -e] env")),
        arguments("node -e \"for (const k in process.env) console.log(process.env[k])\"", List.of("[node -e] env")),
        arguments("deno eval \"console.log(Deno.env.get('API_TOKEN'))\"", List.of("[deno -e] printenv API_TOKEN")),
        arguments("python3 -c \"import os; print(os.environ['ANTHROPIC_API_KEY'])\"",
            List.of("[python3 -c] printenv ANTHROPIC_API_KEY")),
        arguments("python3 -c \"import os; print(os.environ.get('CI'), os.getenv(\\\"HOME\\\"))\"",
            List.of("[python3 -c] printenv CI", "[python3 -c] printenv HOME")),
        arguments("python3 -c \"import os; print(f'{os.environ[\\\"DB_PASSWORD\\\"]}')\"",
            List.of("[python3 -c] printenv DB_PASSWORD")),
        arguments("python3 -c \"import os; print(dict(os.environ))\"", List.of("[python3 -c] env")),
        arguments("python3 -c \"import os; print(os.environ.items())\"", List.of("[python3 -c] env")),
        arguments("python3 -c \"import os; k='X'; print(os.environ[k])\"", List.of("[python3 -c] env")),
        arguments("python3 -c \"from os import environ; print(environ)\"", List.of("[python3 -c] env")),
        arguments("perl -e \"print %ENV\"", List.of("[perl -e] env")),
        arguments("perl -e 'print \"$ENV{GITHUB_TOKEN}\\n\"'", List.of("[perl -e] printenv GITHUB_TOKEN")),
        arguments("perl -e 'print $ENV{\"HOME\"}'", List.of("[perl -e] printenv HOME")),
        arguments("ruby -e \"p ENV\"", List.of("[ruby -e] env")),
        arguments("ruby -e 'puts ENV[\"AWS_SECRET_ACCESS_KEY\"]'", List.of("[ruby -e] printenv AWS_SECRET_ACCESS_KEY")),
        arguments("ruby -e 'puts ENV.fetch \"HOME\"'", List.of("[ruby -e] printenv HOME")),
        arguments("ruby -e 'puts ENV.to_h'", List.of("[ruby -e] env")),
        arguments("php -r 'echo getenv(\"OPENAI_API_KEY\");'", List.of("[php -r] printenv OPENAI_API_KEY")),
        arguments("php -r 'print_r(getenv());'", List.of("[php -r] env")),
        arguments("php -r 'print_r($_ENV);'", List.of("[php -r] env")),
        arguments("awk 'BEGIN { print ENVIRON[\"GITHUB_TOKEN\"] }'", List.of("[awk] printenv GITHUB_TOKEN")),
        arguments("awk 'BEGIN { for (k in ENVIRON) print k \"=\" ENVIRON[k] }'", List.of("[awk] env")),
        arguments("python3 - <<'X'\nimport os\nprint(os.environ['GEMINI_API_KEY'])\nX",
            List.of("[python3 <<] printenv GEMINI_API_KEY")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environmentReads")
  void environmentReadsBecomePrintenvOrEnv(String script, List<String> expected) {
    List<String> all = Rendering.invocations(script);
    assertThat(all.subList(1, all.size())).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "python3 -c \"import os; print('CI' in os.environ)\"",
      "python3 -c \"import os; print(sorted(os.environ.keys()))\"",
      "python3 -c \"from os import environ, getenv; print(1)\"",
      "ruby -e 'puts ENV.key?(\"CI\")'",
      "node -e \"console.log('CI' in process.env)\"",
      "perl -e 'my $ENV = 1; print $ENV'",
      "awk '{ print $1 }' data.csv"})
  void codeThatReadsNoEnvironmentValueReportsNothing(String script) {
    List<String> all = Rendering.invocations(script);
    assertThat(all.subList(1, all.size())).isEmpty();
  }

  @Test
  void awkRunsItsSystemCommands() {
    assertThat(Rendering.invocations("awk 'BEGIN { system(\"rm -rf /x\") }'")).contains("[awk] rm -rf /x");
    assertThat(Rendering.invocations("gawk -F, -v n=1 -e 'BEGIN { system(\"id\") }' f.csv")).contains("[gawk -e] id");
    assertThat(Rendering.invocations("awk -f prog.awk data.csv")).containsExactly("awk -f prog.awk data.csv");
  }

  @Test
  void callTextInsideAStringIsReportedConservatively() {
    // The literal-blind backup count cannot tell this apart from a call hidden by a lexing mistake.
    assertThat(Rendering.invocations("python3 -c \"print('os.system(1)')\"")).contains("[python3 -c] ?{system}");
  }

  @Test
  void fileDeletionHasALiteralPathOrAnUnresolvedOne() {
    assertThat(Rendering.invocations("python3 -c \"import shutil; shutil.rmtree(path)\""))
        .contains("[python3 -c] rm -rf ?{path}");
  }

  @Test
  void interpreterReadingAScriptFileIsNotAnalysed() {
    assertThat(Rendering.invocations("python3 -m http.server 8000 && node app.js && perl -I lib x.pl"))
        .containsExactly("python3 -m http.server 8000", "node app.js", "perl -I lib x.pl");
  }
}
