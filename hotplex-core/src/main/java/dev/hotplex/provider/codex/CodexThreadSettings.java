package dev.hotplex.provider.codex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * What one app-server thread is started (or resumed) with.
 *
 * @param cwd the agent's working directory
 * @param approvalPolicy Codex's {@code approvalPolicy}; hotplex uses {@code untrusted} so that every call asks
 * @param sandbox Codex's own {@code sandbox} mode
 * @param model the model, or null for Codex's default
 * @param developerInstructions text added to the instructions ({@code appendSystemPrompt}), or null
 * @param resumeThreadId the thread to continue with {@code thread/resume}, or null for a new one
 * @param includePartialMessages whether agent message deltas become text_delta events
 */
record CodexThreadSettings(Path cwd, String approvalPolicy, String sandbox, String model,
    String developerInstructions, String resumeThreadId, boolean includePartialMessages) {

  /** The params of {@code thread/start}, or of {@code thread/resume} when a thread is resumed. */
  ObjectNode params() {
    ObjectNode params = CodexWire.JSON.createObjectNode();
    if (resumeThreadId != null) {
      params.put("threadId", resumeThreadId);
    }
    params.put("cwd", cwd.toString());
    params.put("approvalPolicy", approvalPolicy);
    params.put("sandbox", sandbox);
    if (model != null) {
      params.put("model", model);
    }
    if (developerInstructions != null) {
      params.put("developerInstructions", developerInstructions);
    }
    return params;
  }
}
