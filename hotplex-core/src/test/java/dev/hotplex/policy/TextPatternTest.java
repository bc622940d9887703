package dev.hotplex.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hotplex.policy.shell.Invocation;
import dev.hotplex.policy.shell.ShellAnalyzer;
import dev.hotplex.policy.shell.Word;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextPatternTest {
  @Test
  void anchoredRegexesStartWithTheirLiteralText() {
    assertThat(TextPattern.anchoredLiteral("^--cap-add")).isEqualTo("--cap-add");
    assertThat(TextPattern.anchoredLiteral("^core\\.(hooksPath|fsmonitor)(=|$)")).isEqualTo("core.");
    assertThat(TextPattern.anchoredLiteral("^--(pid|net)=host$")).isEqualTo("--");
    assertThat(TextPattern.anchoredLiteral("^host$")).isEqualTo("host");
    assertThat(TextPattern.anchoredLiteral("^\\+")).isEqualTo("+");
  }

  @Test
  void quantifiedLettersEscapesAndUnanchoredRegexesGiveNoLiteral() {
    assertThat(TextPattern.anchoredLiteral("^0?[2-7]")).isEmpty();
    assertThat(TextPattern.anchoredLiteral("^ab*c")).isEqualTo("a");
    assertThat(TextPattern.anchoredLiteral("^a{2}")).isEmpty();
    assertThat(TextPattern.anchoredLiteral("^\\d+")).isEmpty();
    assertThat(TextPattern.anchoredLiteral("=@")).isEmpty();
    assertThat(TextPattern.anchoredLiteral("^[:+-]?x")).isEmpty();
  }

  @Test
  void aTopLevelAlternativeQuotingOrCommentsGiveNoLiteral() {
    assertThat(TextPattern.anchoredLiteral("^abc|x")).isEmpty();
    assertThat(TextPattern.anchoredLiteral("^abc(x|y)")).isEqualTo("abc");
    assertThat(TextPattern.anchoredLiteral("^a[]|]b")).isEqualTo("a");
    assertThat(TextPattern.anchoredLiteral("^abc\\Q(\\E|x")).isEmpty();
    assertThat(TextPattern.anchoredLiteral("^a(?x)#(\n|b")).isEmpty();
  }

  @Test
  void ignoreCaseRegexesCompareTheirLiteralIgnoringCase() {
    TextPattern hooks = TextPattern.regex("(?i)^core\\.(hooksPath|fsmonitor)(=|$)");
    assertThat(hooks.prefix()).isEqualTo("core.");
    assertThat(hooks.test("CORE.HOOKSPATH=/x")).isTrue();
    assertThat(hooks.test("user.name=x")).isFalse();
  }

  @Test
  void theShippedPatternsAnswerLikeTheirBareRegexesOnEveryCorpusWord() throws IOException {
    List<String> words = new ArrayList<>(List.of("CORE.FSMONITOR", "--privileged=true", "--pid=host", "+main",
        ":branch", "-dF@x", "x=@file", "@file", "host", "hosts", "4755", "u+s", "release:perform", "a:deploy"));
    for (String file : List.of("benign.txt", "dangerous.txt")) {
      for (String command : PolicyCorpusTest.corpus(file)) {
        for (Invocation invocation : ShellAnalyzer.analyze(command).invocations()) {
          invocation.words().stream().map(Word::text).forEach(words::add);
        }
      }
    }
    List<TextPattern> patterns = shippedPatterns();
    assertThat(patterns).hasSizeGreaterThan(30);
    int matches = 0;
    for (TextPattern pattern : patterns) {
      for (String word : words) {
        boolean bare = pattern.find() ? pattern.pattern().matcher(word).find()
            : pattern.pattern().matcher(word).matches();
        assertThat(pattern.test(word)).as(pattern.pattern() + " on " + word).isEqualTo(bare);
        matches += bare ? 1 : 0;
      }
    }
    assertThat(matches).as("the words exercise the patterns").isGreaterThan(20);
  }

  /** Every args, argsRegex, lastArgRegex and redirects pattern of the shipped policy, compiled as rules do. */
  private static List<TextPattern> shippedPatterns() throws IOException {
    try (InputStream in = Policy.class.getResourceAsStream(Policy.DEFAULT_RESOURCE)) {
      List<TextPattern> patterns = new ArrayList<>();
      collect(new YAMLMapper().readTree(in), patterns);
      return patterns;
    }
  }

  private static void collect(JsonNode node, List<TextPattern> patterns) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      for (JsonNode value : field.getValue().isArray() ? field.getValue() : List.of(field.getValue())) {
        switch (field.getKey()) {
          case "argsRegex", "lastArgRegex" -> patterns.add(TextPattern.regex(value.asText()));
          case "args", "redirects" -> patterns.add(TextPattern.glob(value.asText()));
          default -> collect(value, patterns);
        }
      }
    }
  }
}
