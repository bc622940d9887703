package dev.hotplex.cli.action;

import java.util.List;

/** The markdown of a review: each inline comment, the review's body, and the sticky summary comment. */
final class ReviewComments {
  /** Findings of one kind listed in the summary comment before "… and N more". */
  static final int MAX_LISTED = 50;

  private ReviewComments() {}

  /** The hidden line that marks the review of one commit, so a re-run does not post it twice. */
  static String commitMarker(String sha) {
    return "<!-- hotplex:review-commit " + sha + " -->";
  }

  static String inlineComment(Finding finding) {
    StringBuilder body = new StringBuilder("**").append(label(finding.severity())).append("** ")
        .append(finding.message().strip()).append('\n');
    if (finding.suggestion() != null) {
      body.append('\n').append(Markdown.block("suggestion", finding.suggestion()));
    }
    return body.toString();
  }

  static String reviewBody(String headSha, int inline) {
    return commitMarker(headSha) + "\nhotplex reviewed " + shortSha(headSha) + ": " + inline + " inline "
        + (inline == 1 ? "finding" : "findings") + "; the summary is in hotplex's review comment.";
  }

  /**
   * The sticky comment: the agent's summary, the counts, and the findings that are not inline comments.
   *
   * @param inline how many findings the review at {@code reviewUrl} carries as inline comments
   * @param listed the findings to list in the comment itself
   * @param note a sentence to add (e.g. that an earlier run reviewed this commit), or null
   */
  static String summaryComment(FindingsCheck.Sorted findings, int inline, String reviewUrl, List<Finding> listed,
      String note, String headSha, String footer) {
    StringBuilder md = new StringBuilder("### hotplex review of ").append(shortSha(headSha)).append("\n\n")
        .append(findings.summary().strip()).append("\n\n");
    int total = findings.total();
    if (total == 0) {
      md.append("No findings.\n\n");
    } else {
      md.append("**").append(total).append(total == 1 ? " finding" : " findings").append("**: ")
          .append(counts(findings.all()));
      if (inline > 0 && reviewUrl != null) {
        md.append(" · ").append(inline).append(" inline in [the review](").append(reviewUrl).append(')');
      }
      md.append("\n\n");
    }
    if (note != null) {
      md.append(note).append("\n\n");
    }
    if (!listed.isEmpty()) {
      md.append(inline > 0 ? "#### Findings outside the diff\n\n" : "#### Findings\n\n");
      for (Finding finding : listed.subList(0, Math.min(listed.size(), MAX_LISTED))) {
        md.append("- ").append(Markdown.code(finding.location(), 200)).append(" **")
            .append(label(finding.severity())).append("** ").append(Markdown.cell(finding.message(), 1000))
            .append('\n');
        if (finding.suggestion() != null) {
          md.append("  Suggested: ").append(Markdown.code(finding.suggestion(), 300)).append('\n');
        }
      }
      if (listed.size() > MAX_LISTED) {
        md.append("- … and ").append(listed.size() - MAX_LISTED).append(" more (see the step summary)\n");
      }
      md.append('\n');
    }
    return md.append(footer).append('\n').toString();
  }

  private static String counts(List<Finding> findings) {
    StringBuilder text = new StringBuilder();
    for (Finding.Severity severity : Finding.Severity.values()) {
      long count = findings.stream().filter(finding -> finding.severity() == severity).count();
      if (count > 0) {
        text.append(text.isEmpty() ? "" : ", ").append(count).append(' ').append(severity.id())
            .append(count == 1 ? "" : "s");
      }
    }
    return text.toString();
  }

  private static String label(Finding.Severity severity) {
    return switch (severity) {
      case ERROR -> "🔴 error";
      case WARNING -> "🟠 warning";
      case NOTICE -> "🔵 notice";
    };
  }

  static String shortSha(String sha) {
    return sha == null ? "(unknown commit)" : sha.substring(0, Math.min(7, sha.length()));
  }
}
