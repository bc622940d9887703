package dev.hotplex.testkit.model;

import java.util.Objects;

/**
 * One {@code tool_result} block the client sent back to the model after a tool call.
 *
 * @param toolUseId the id of the {@code tool_use} block this result answers ({@code toolu_...})
 * @param content   the result as plain text; text parts of a structured result are joined with newlines
 * @param isError   whether the client marked the result as an error (tool failed or permission was denied)
 */
public record ToolResult(String toolUseId, String content, boolean isError) {

    /** Validates the components; {@code content} is never null. */
    public ToolResult {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(content, "content");
    }
}
