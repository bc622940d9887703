package dev.hotplex;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core is an engine and SDK: it must not depend on the CLI, HTTP servers or Jenkins. */
class ArchitectureTest {
  private static final Pattern FORBIDDEN_IMPORT = Pattern.compile(
      "^import\\s+(static\\s+)?(org\\.eclipse\\.jetty|picocli|hudson|jenkins|org\\.jenkinsci|dev\\.hotplex\\.cli"
          + "|dev\\.hotplex\\.testkit|jakarta\\.servlet)\\b.*", Pattern.MULTILINE);

  @Test
  void coreImportsNoCliServerOrJenkinsClasses() throws IOException {
    Path sources = Path.of("src/main/java");
    assertThat(sources).isDirectory();
    try (Stream<Path> files = Files.walk(sources)) {
      List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
          .flatMap(ArchitectureTest::forbiddenImports)
          .toList();
      assertThat(offenders).as("forbidden imports in hotplex-core").isEmpty();
    }
  }

  @Test
  void theCheckRecognisesAForbiddenImport() {
    assertThat(FORBIDDEN_IMPORT.matcher("import org.eclipse.jetty.server.Server;").find()).isTrue();
    assertThat(FORBIDDEN_IMPORT.matcher("import picocli.CommandLine;").find()).isTrue();
    assertThat(FORBIDDEN_IMPORT.matcher("import com.fasterxml.jackson.databind.JsonNode;").find()).isFalse();
  }

  private static Stream<String> forbiddenImports(Path file) {
    try {
      var matcher = FORBIDDEN_IMPORT.matcher(Files.readString(file));
      return matcher.results().map(m -> file + ": " + m.group().trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
