package dev.hotplex.integration;

import dev.hotplex.testkit.model.ModelReply;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** The engine with the REAL OpenCode CLI ({@code opencode acp}) against the fake model's Chat Completions dialect. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class OpenCodeSessionTest extends AcpAgentSessionTests {

  @Override
  String provider() {
    return "opencode";
  }

  @Override
  String executable() {
    return "opencode";
  }

  @Override
  String shellTool() {
    return "bash";
  }

  @Override
  boolean deniedCallReachesTheModel() {
    return false;
  }

  @Override
  boolean resumesInANewProcess() {
    return true;
  }

  @Override
  ModelReply readFile(Path file) {
    return ModelReply.toolUse("read", Map.of("filePath", file.toString()));
  }

  @Override
  Map<String, String> environment() {
    return Map.of("OPENAI_API_KEY", "sk-fake-integration");
  }
}
