package dev.hotplex.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@link AuditLog} has recorded so far: the counts, and the denied calls (the first
 * {@link AuditLog#MAX_LISTED_DENIALS} of them; {@code unlistedDenials} counts the rest). Texts are already masked.
 */
public record AuditSummary(int allowed, int denied, int asked, List<DeniedCall> denials, int unlistedDenials) {

  /** One denied call: the tool, a short form of its input, and the rule and reason that denied it. */
  public record DeniedCall(String tool, String input, String rule, String reason) {}

  public AuditSummary {
    denials = List.copyOf(denials);
  }

  /** Human-readable lines, e.g. for the end of a CI log. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("Tool calls: " + allowed + " allowed, " + denied + " denied, " + asked + " asked.");
    for (DeniedCall call : denials) {
      lines.add("  denied " + call.tool() + "(" + call.input() + ")"
          + (call.rule() == null ? "" : " by " + call.rule())
          + (call.reason() == null ? "" : ": " + call.reason()));
    }
    if (unlistedDenials > 0) {
      lines.add("  ... and " + unlistedDenials + " more denied calls (see the audit log).");
    }
    return List.copyOf(lines);
  }

  /** The summary as plain maps and lists, for a JSON report. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("allowed", allowed);
    map.put("denied", denied);
    map.put("asked", asked);
    List<Map<String, Object>> list = new ArrayList<>();
    for (DeniedCall call : denials) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("tool", call.tool());
      entry.put("input", call.input());
      entry.put("rule", call.rule());
      entry.put("reason", call.reason());
      list.add(entry);
    }
    map.put("denials", list);
    map.put("unlistedDenials", unlistedDenials);
    return map;
  }
}
