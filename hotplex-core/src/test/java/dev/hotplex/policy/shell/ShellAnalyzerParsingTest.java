package dev.hotplex.policy.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellAnalyzerParsingTest {

  static Stream<Arguments> scripts() {
    return Stream.of(
        // lists and operators
        arguments("ls; rm -rf /", List.of("ls", "rm -rf /")),
        arguments("mvn -q test && echo ok", List.of("mvn -q test", "echo ok")),
        arguments("false || rm x\nls", List.of("false", "rm x", "ls")),
        arguments("sleep 1 & rm x", List.of("sleep 1 &", "rm x")),
        arguments("ls |& grep x", List.of("ls", "grep x")),
        arguments("echo hi # rm -rf /", List.of("echo hi")),
        arguments("echo a#b", List.of("echo a#b")),
        arguments("rm \\\n  -rf \\\n  /tmp/x", List.of("rm -rf /tmp/x")),
        // quoting and concatenation
        arguments("r''m -rf /", List.of("rm -rf /")),
        arguments("\"r\"m -rf /", List.of("rm -rf /")),
        arguments("r\\m -rf /", List.of("rm -rf /")),
        arguments("\\rm -rf /", List.of("rm -rf /")),
        arguments("'it''s' \"a \\\"b\\\" \\$c \\\\ \\`d\\`\"", List.of("its a \"b\" $c \\ `d`")),
        arguments("echo \"a\\nb\"", List.of("echo a\\nb")),
        arguments("$'\\x72\\x6d' -rf /", List.of("rm -rf /")),
        arguments("$'\\162\\155' $'\\u0072m' $'a\\tb\\'c'", List.of("rm rm a\tb'c")),
        arguments("rm -rf \"/\"$'\\x00'\"tmp\"", List.of("rm -rf /tmp")),
        arguments("$\"rm\" x", List.of("rm x")),
        arguments("echo '' \"\"", List.of("echo  ")),
        arguments("grep -rn \"rm -rf /\" docs", List.of("grep -rn rm -rf / docs")),
        arguments("git commit -m \"fix; rm -rf\"", List.of("git commit -m fix; rm -rf")),
        // variables
        arguments("a=rm; $a -rf /", List.of("a=rm", "rm -rf /")),
        arguments("a=rm; ${a} -rf /", List.of("a=rm", "rm -rf /")),
        arguments("x=/; rm -rf $x", List.of("x=/", "rm -rf /")),
        arguments("export a=rm; $a x", List.of("export a=rm", "rm x")),
        arguments("local v=/etc; rm -rf \"$v\"/x", List.of("local v=/etc", "rm -rf /etc/x")),
        arguments("declare -x v=/etc; rm $v", List.of("declare -x v=/etc", "rm /etc")),
        arguments("a='rm -rf'; $a /", List.of("a=rm -rf", "rm -rf /")),
        arguments("a='rm -rf'; \"$a\" /", List.of("a=rm -rf", "rm -rf /")),
        arguments("a=; $a rm x", List.of("a=", "rm x")),
        arguments("A=1 B=2 cmd arg", List.of("A=1 B=2 cmd arg")),
        arguments("b='x /'; a=$b; rm -rf a=$b", List.of("b=x /", "a=x /", "rm -rf a=x /")),
        arguments("b='x y'; export a=$b c={d,e}", List.of("b=x y", "export a=x y c={d,e}")),
        arguments("IFS=,; x=rm,-rf,/; $x; \"$x\"", List.of("IFS=,", "x=rm,-rf,/", "?{$x}", "rm,-rf,/")),
        arguments("rm${IFS}-rf${IFS}/", List.of("?{rm${IFS}-rf${IFS}/}")),
        arguments("{rm,-rf,/}", List.of("rm -rf /")),
        arguments("a=r; b=m; $a$b x", List.of("a=r", "b=m", "rm x")),
        arguments("echo $HOME \"$HOME/.ssh\" ~/x", List.of("echo ?{$HOME} ?{$HOME/.ssh} ~/x")),
        arguments("echo $1 $@ $? ${#x} ${x:-y}", List.of("echo ?{$1} ?{$@} ?{$?} ?{${#x}} ?{${x:-y}}")),
        arguments("$cmd -rf /", List.of("?{$cmd} -rf /")),
        arguments("arr=(a b c); echo ${arr[0]}", List.of("?{arr=(a b c)}", "echo ?{${arr[0]}}")),
        // substitutions
        arguments("\"$(echo rm)\" -rf /", List.of("sub: echo rm", "?{$(echo rm)} -rf /")),
        arguments("`printf rm` -rf /", List.of("sub: printf rm", "?{`printf rm`} -rf /")),
        arguments("echo $((1 + 2))", List.of("echo ?{$((1 + 2))}")),
        arguments("echo ${x:-$(rm -rf /)}", List.of("sub: rm -rf /", "echo ?{${x:-$(rm -rf /)}}")),
        arguments("echo $(a $(b) `c`)", List.of("sub: b", "sub: c", "sub: a ?{$(b)} ?{`c`}", "echo ?{$(a $(b) `c`)}")),
        arguments("diff <(ls a) >(wc -l)", List.of("sub: ls a", "sub: wc -l", "diff ?{<(ls a)} ?{>(wc -l)}")),
        // compound commands
        arguments("(cd /tmp; rm -rf x) > log", List.of("cd /tmp", "rm -rf x", "1>log")),
        arguments("{ rm a; rm b; } 2>&1", List.of("rm a", "rm b", "2>&1")),
        arguments("if [ -f x ]; then rm x; elif true; then :; else echo no; fi",
            List.of("[ -f x ]", "rm x", "true", ":", "echo no")),
        arguments("while read l; do rm \"$l\"; done < list", List.of("read l", "rm ?{$l}", "0<list")),
        arguments("for f in $(ls); do rm $f; done", List.of("sub: ls", "rm ?{$f}")),
        arguments("for ((i=0; i<3; i++)); do echo $i; done", List.of("echo ?{$i}")),
        arguments("case $x in a) rm a;; b|c) echo b;; *) ls ;; esac", List.of("rm a", "echo b", "ls")),
        arguments("f() { rm -rf /; }; f", List.of("rm -rf /", "f")),
        arguments("function g { rm x; }", List.of("rm x")),
        arguments("[[ -f x && -d y ]] && rm z", List.of("[[ -f x && -d y ]]", "rm z")),
        arguments("! rm x", List.of("rm x")),
        arguments("(( i++ )) && rm x", List.of("rm x")),
        // redirects
        arguments("cmd 2>&1 >/dev/null &>all &>>more 3<>rw <in >|clobber >>app",
            List.of("cmd 2>&1 1>/dev/null 1&>all 1&>>more 3<>rw 0<in 1>|clobber 1>>app")),
        arguments("cat <<< \"rm -rf /\"", List.of("cat 0<<<rm -rf /")),
        arguments("cat > file <<'EOF'\nhello $x\nEOF\necho done", List.of("cat 1>file 0<<hello $x\n", "echo done")),
        arguments("cat <<EOF\nhi $(id)\nEOF", List.of("sub: id", "cat 0<<?{hi $(id)\n}")),
        arguments("cat <<-EOF\n\tindented\n\tEOF\nls", List.of("cat 0<<-indented\n", "ls")),
        arguments("cat <<A <<'B'\na\nA\nb\nB\nls", List.of("cat 0<<a\n 0<<b\n", "ls")),
        // brace expansion, globs, tilde
        arguments("rm -rf /{etc,usr}", List.of("rm -rf /etc /usr")),
        arguments("echo {a,b}{c,d} {1..3} {x} {} '{a,b}'", List.of("echo ac ad bc bd {1..3} {x} {} {a,b}")),
        arguments("rm -rf ~/x *.tmp", List.of("rm -rf ~/x *.tmp")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void parsesEveryCommandOfTheScript(String script, List<String> expected) {
    assertThat(Rendering.invocations(script)).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("uncertainAssignments")
  void assignmentThatMayNotRunMakesTheVariableUnknown(String script) {
    assertThat(Rendering.invocations(script)).last().isEqualTo("?{$a} -rf /");
  }

  static Stream<String> uncertainAssignments() {
    return Stream.of(
        "a=rm; false && a=ls; $a -rf /",
        "a=rm; true || a=ls; $a -rf /",
        "a=rm; false && { a=ls; }; $a -rf /",
        "a=rm; { a=ls; } | cat; $a -rf /",
        "a=rm; a=ls | true; $a -rf /",
        "a=rm; a=ls & $a -rf /",
        "a=rm; if false; then a=ls; fi; $a -rf /",
        "a=rm; while false; do a=ls; done; $a -rf /",
        "a=rm; case x in y) a=ls;; esac; $a -rf /",
        "a=rm; f() { a=ls; }; $a -rf /",
        "a=rm; eval a=ls; $a -rf /",
        "a=rm; read a; $a -rf /",
        "a=rm; for a in x; do :; done; $a -rf /",
        "a=rm; source env.sh; $a -rf /",
        "a=rm; unset a; $a -rf /");
  }

  @Test
  void subshellAssignmentsDoNotLeak() {
    assertThat(Rendering.invocations("a=ls; (a=rm); $a x")).last().isEqualTo("ls x");
  }

  @Test
  void commandNameIsTheBasenameAfterAssignments() {
    Invocation invocation = ShellAnalyzer.analyze("LD_PRELOAD=/x.so /usr/bin/rm -rf /").invocations().get(0);
    assertThat(invocation.commandName()).isEqualTo("rm");
    assertThat(invocation.command()).isEqualTo(Word.of("/usr/bin/rm"));
    assertThat(invocation.args()).containsExactly(Word.of("-rf"), Word.of("/"));
    assertThat(invocation.assignments()).containsExactly(new Assignment("LD_PRELOAD", Word.of("/x.so")));
  }

  @Test
  void bareAssignmentHasNoCommand() {
    Invocation invocation = ShellAnalyzer.analyze("a=rm b+=x").invocations().get(0);
    assertThat(invocation.command()).isNull();
    assertThat(invocation.commandName()).isNull();
    assertThat(invocation.args()).isEmpty();
    assertThat(invocation.assignments()).extracting(Assignment::name).containsExactly("a", "b");
  }

  @Test
  void unresolvedCommandHasNoName() {
    Invocation invocation = ShellAnalyzer.analyze("$(echo rm) -rf /").invocations().get(1);
    assertThat(invocation.command().resolved()).isFalse();
    assertThat(invocation.commandName()).isNull();
  }

  @Test
  void cleanScriptIsFullyResolved() {
    ShellAnalysis analysis = ShellAnalyzer.analyze("cd /work && mvn -q test | tail -5");
    assertThat(analysis.fullyResolved()).isTrue();
    assertThat(analysis.problems()).isEmpty();
    assertThat(analysis.pipelines()).singleElement()
        .satisfies(p -> assertThat(p.stages()).extracting(Invocation::commandName).containsExactly("mvn", "tail"));
  }

  @Test
  void unknownVariableMakesTheAnalysisUnresolved() {
    assertThat(ShellAnalyzer.analyze("rm -rf $DIR").fullyResolved()).isFalse();
  }

  @Test
  void backgroundAppliesToTheWholePipeline() {
    assertThat(Rendering.invocations("a | sudo b & c")).containsExactly("a &", "sudo b &", "[sudo] b &", "c");
    ShellAnalysis analysis = ShellAnalyzer.analyze("a | b &");
    assertThat(analysis.pipelines().get(0).stages()).allMatch(Invocation::background)
        .allMatch(stage -> analysis.invocations().stream().anyMatch(i -> i == stage));
  }

  @Test
  void redirectKnowsWhetherItWritesAFile() {
    List<Redirect> redirects = ShellAnalyzer.analyze("cmd >out 2>&1 <in >>log >&2 >&file")
        .invocations().get(0).redirects();
    assertThat(redirects).extracting(Redirect::writesFile).containsExactly(true, false, false, true, false, true);
    assertThat(redirects).extracting(Redirect::readsStdin).containsExactly(false, false, true, false, false, false);
  }
}
