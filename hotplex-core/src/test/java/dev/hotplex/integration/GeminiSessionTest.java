package dev.hotplex.integration;

import dev.hotplex.testkit.model.ModelReply;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** The engine with the REAL Gemini CLI ({@code gemini --acp}) against the fake model's Gemini dialect. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GeminiSessionTest extends AcpAgentSessionTests {

  @Override
  String provider() {
    return "gemini";
  }

  @Override
  String executable() {
    return "gemini";
  }

  @Override
  String shellTool() {
    return "run_shell_command";
  }

  @Override
  boolean deniedCallReachesTheModel() {
    return true;
  }

  @Override
  boolean resumesInANewProcess() {
    return false;
  }

  @Override
  ModelReply readFile(Path file) {
    return ModelReply.toolUse("read_file", Map.of("file_path", file.toString()));
  }

  @Override
  Map<String, String> environment() {
    return Map.of("GEMINI_API_KEY", "fake-gemini-key");
  }
}
