package dev.hotplex.event;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool call that was refused during a turn. */
public record PermissionDenial(String toolName, String toolUseId, JsonNode toolInput, String rule, String reason) {}
