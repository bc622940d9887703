package dev.hotplex.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotplex.policy.shell.Invocation;
import dev.hotplex.policy.shell.ShellAnalyzer;
import dev.hotplex.policy.shell.Word;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CommandEffectsTest {
  /** The paths-in-code regex as first written: a start or a quote, blank, paren, comma or = before the path. */
  private static final Pattern LOOK_BEHIND_FIRST = Pattern.compile("(?:^|(?<=['\"\\s(,=]))(?:~|/)[A-Za-z0-9_.@+\\-/]*");

  @Test
  void pathsInCodeAreFoundExactlyAsWithTheLookBehindFirst() throws IOException {
    List<String> texts = new ArrayList<>(List.of("/etc/x", "~/y", "open('/etc/x')", "a/b", "x=/tmp/a b", "(~/z,/q)",
        "\t/t\n~/n", "path//double", "'/a'/b", "x/~/y", "", "/", "~", "=/", "f(\"/p\") + '~/q'"));
    for (String file : List.of("benign.txt", "dangerous.txt")) {
      for (String command : PolicyCorpusTest.corpus(file)) {
        for (Invocation invocation : ShellAnalyzer.analyze(command).invocations()) {
          invocation.words().stream().map(Word::text).forEach(texts::add);
        }
      }
    }
    int found = 0;
    for (String text : texts) {
      List<String> expected = all(LOOK_BEHIND_FIRST.matcher(text));
      assertThat(all(CommandEffects.PATH_IN_CODE.matcher(text))).as(text).isEqualTo(expected);
      found += expected.size();
    }
    assertThat(found).as("the texts contain paths").isGreaterThan(50);
  }

  private static List<String> all(Matcher matcher) {
    List<String> found = new ArrayList<>();
    while (matcher.find()) {
      found.add(matcher.start() + ":" + matcher.group());
    }
    return found;
  }
}
