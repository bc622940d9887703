package dev.hotplex.testkit.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Builds a Messages request body the way Claude Code shapes it. */
final class Conversation {
    private final ObjectNode body = Loopback.JSON.createObjectNode().put("stream", true);
    private final ArrayNode messages = body.putArray("messages");
    private int toolIds;

    Conversation user(String text) {
        ArrayNode content = messages.addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "text").put("text", "<system-reminder>\nnoise\n</system-reminder>\n");
        content.addObject().put("type", "text").put("text", text);
        messages.addObject().put("role", "system").put("content", "# Environment");
        return this;
    }

    Conversation assistant(String text) {
        messages.addObject().put("role", "assistant").putArray("content").addObject().put("type", "text")
                .put("text", text);
        return this;
    }

    Conversation toolRound(String command, String result, boolean isError) {
        String id = "toolu_" + (++toolIds);
        messages.addObject().put("role", "assistant").putArray("content").addObject().put("type", "tool_use")
                .put("id", id).put("name", "Bash").set("input", Loopback.JSON.valueToTree(Map.of("command", command)));
        messages.addObject().put("role", "user").putArray("content").addObject().put("type", "tool_result")
                .put("tool_use_id", id).put("content", result).put("is_error", isError);
        return this;
    }

    ModelRequest request() {
        return new ModelRequest("POST", "/v1/messages", "", Map.of(), body);
    }
}
