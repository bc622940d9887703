package dev.hotplex.cli.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The strict JSON document a review must end with, for every provider alike: what the agent is told, and the
 * parser that accepts exactly that and names every deviation (so one corrective prompt can fix it).
 *
 * <pre>
 * ```hotplex-review
 * {"summary": "...", "findings": [{"path": "app.py", "line": 12, "severity": "error", "message": "...",
 *   "suggestion": "optional replacement for that line"}]}
 * ```
 * </pre>
 */
final class ReviewContract {
  /** The fence tag of the document. */
  static final String FENCE = "hotplex-review";
  /** Most findings accepted: a review is read by people, and a flood of comments is spam. */
  static final int MAX_FINDINGS = 50;
  static final int MAX_MESSAGE_LENGTH = 4000;

  private static final Pattern BLOCK = Pattern.compile("```" + FENCE + "[ \\t]*\\R(.*?)\\R?```", Pattern.DOTALL);
  private static final Set<String> DOCUMENT_FIELDS = Set.of("summary", "findings");
  private static final Set<String> FINDING_FIELDS = Set.of("path", "line", "severity", "message", "suggestion");
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private ReviewContract() {}

  /** The parsed document: a summary and the findings as the agent wrote them. */
  record Document(String summary, List<Finding> findings) {}

  /** A document, or the reasons it is not one. */
  record Parsed(Document document, List<String> errors) {
    boolean valid() {
      return document != null;
    }
  }

  /** What the agent is told, appended to the last prompt of a review. */
  static String instructions() {
    return String.join("\n",
        "When you have finished the review, end your answer with exactly one fenced block tagged " + FENCE
            + " that holds one JSON object, and nothing after it:",
        "```" + FENCE,
        "{\"summary\": \"2-5 sentences about the change for its author\", \"findings\": [",
        "  {\"path\": \"src/app.py\", \"line\": 42, \"severity\": \"error\", \"message\": \"what is wrong and why\","
            + " \"suggestion\": \"optional: the corrected text of that line\"}]}",
        "```",
        "Rules: \"path\" is relative to the repository root. \"line\" is the line number in the NEW version of the"
            + " file; prefer lines the pull request changed. \"severity\" is \"error\" (a bug, a security or data"
            + " loss problem), \"warning\" (a likely problem) or \"notice\" (minor). Report real problems only, at"
            + " most " + MAX_FINDINGS + ", no praise; use \"findings\": [] when there are none. No other fields.",
        "Do not post comments, approve, or call the GitHub API: hotplex posts your findings.");
  }

  /** Parses the last {@value #FENCE} block of {@code answer}. */
  static Parsed parse(String answer) {
    Matcher block = BLOCK.matcher(answer == null ? "" : answer);
    String json = null;
    while (block.find()) {
      json = block.group(1);
    }
    if (json == null) {
      return invalid("the answer has no ```" + FENCE + " block; end it with one (see the format above)");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return invalid("the " + FENCE + " block is not valid JSON: " + e.getOriginalMessage());
    }
    List<String> errors = new ArrayList<>();
    if (root == null || !root.isObject()) {
      return invalid("the " + FENCE + " block must hold one JSON object with \"summary\" and \"findings\"");
    }
    unknownFields(root, DOCUMENT_FIELDS, "the document", errors);
    String summary = text(root, "summary", "the document", true, errors);
    JsonNode items = root.path("findings");
    List<Finding> findings = new ArrayList<>();
    if (!items.isArray()) {
      errors.add("\"findings\" must be an array (use [] when there are none)");
    } else if (items.size() > MAX_FINDINGS) {
      errors.add("there are " + items.size() + " findings; report at most " + MAX_FINDINGS
          + ", the most important ones");
    } else {
      for (int i = 0; i < items.size(); i++) {
        Finding finding = finding(items.get(i), "findings[" + i + "]", errors);
        if (finding != null) {
          findings.add(finding);
        }
      }
    }
    return errors.isEmpty() ? new Parsed(new Document(summary, List.copyOf(findings)), List.of())
        : new Parsed(null, List.copyOf(errors));
  }

  private static Finding finding(JsonNode item, String where, List<String> errors) {
    if (!item.isObject()) {
      errors.add(where + " must be an object");
      return null;
    }
    int before = errors.size();
    unknownFields(item, FINDING_FIELDS, where, errors);
    String path = text(item, "path", where, true, errors);
    JsonNode line = item.path("line");
    if (!line.canConvertToInt() || !line.isIntegralNumber() || line.asInt() < 1) {
      errors.add(where + ".line must be a line number (a whole number from 1), not " + line);
    }
    String severityText = text(item, "severity", where, true, errors);
    Finding.Severity severity = severityText == null ? null : Finding.Severity.parse(severityText);
    if (severityText != null && severity == null) {
      errors.add(where + ".severity must be \"error\", \"warning\" or \"notice\", not \"" + severityText + "\"");
    }
    String message = text(item, "message", where, true, errors);
    String suggestion = text(item, "suggestion", where, false, errors);
    if (errors.size() > before) {
      return null;
    }
    return new Finding(path.strip(), line.asInt(), severity, message.strip(), suggestion);
  }

  /** A string field: required ones must be non-blank; every one must fit {@link #MAX_MESSAGE_LENGTH}. */
  private static String text(JsonNode node, String field, String where, boolean required, List<String> errors) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(where + " has no \"" + field + "\"");
      }
      return null;
    }
    if (!value.isTextual() || (required && value.asText().isBlank())) {
      errors.add(where + "." + field + " must be a " + (required ? "non-empty " : "") + "string");
      return null;
    }
    if (value.asText().length() > MAX_MESSAGE_LENGTH) {
      errors.add(where + "." + field + " is longer than " + MAX_MESSAGE_LENGTH + " characters");
      return null;
    }
    return value.asText();
  }

  private static void unknownFields(JsonNode node, Set<String> known, String where, List<String> errors) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        errors.add(where + " has an unknown field \"" + name + "\" (allowed: " + String.join(", ",
            known.stream().sorted().toList()) + ")");
      }
    }
  }

  private static Parsed invalid(String error) {
    return new Parsed(null, List.of(error));
  }

  /** The follow-up prompt after an invalid answer, sent once in the same session. */
  static String correction(List<String> errors) {
    StringBuilder prompt = new StringBuilder("Your review could not be used, because of these problems:\n");
    errors.forEach(error -> prompt.append("- ").append(error).append('\n'));
    return prompt.append("Answer again with only the corrected ```").append(FENCE)
        .append(" block, following the format and rules given before. Do not repeat the review text.").toString();
  }
}
