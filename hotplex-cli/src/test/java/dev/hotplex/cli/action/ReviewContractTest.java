package dev.hotplex.cli.action;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReviewContractTest {
  private static String answer(String json) {
    return "I looked at everything.\n\n```hotplex-review\n" + json + "\n```\n";
  }

  @Test
  void aValidDocumentGivesTheSummaryAndTheFindings() {
    ReviewContract.Parsed parsed = ReviewContract.parse(answer("""
        {"summary": "Divides by zero.", "findings": [
          {"path": "./average.py", "line": 3, "severity": "error", "message": "len(values) may be 0",
           "suggestion": "    return total / max(len(values), 1)"},
          {"path": "README.md", "line": 1, "severity": "notice", "message": "Mention the change."}]}"""));

    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.document().summary()).isEqualTo("Divides by zero.");
    assertThat(parsed.document().findings()).containsExactly(
        new Finding("./average.py", 3, Finding.Severity.ERROR, "len(values) may be 0",
            "    return total / max(len(values), 1)"),
        new Finding("README.md", 1, Finding.Severity.NOTICE, "Mention the change.", null));
  }

  @Test
  void theLastBlockCounts() {
    String text = answer("{\"summary\": \"draft\", \"findings\": []}")
        + answer("{\"summary\": \"final\", \"findings\": []}");

    assertThat(ReviewContract.parse(text).document().summary()).isEqualTo("final");
  }

  @Test
  void anAnswerWithoutTheBlockSaysHowToFixIt() {
    assertThat(ReviewContract.parse("```json\n{\"summary\":\"s\",\"findings\":[]}\n```").errors())
        .singleElement().asString().contains("no ```hotplex-review block");
  }

  @Test
  void brokenJsonIsNamed() {
    assertThat(ReviewContract.parse(answer("{\"summary\": \"s\", \"findings\": [}")).errors()).singleElement()
        .asString().contains("not valid JSON");
  }

  @Test
  void everyFieldProblemIsListedWithItsPlace() {
    ReviewContract.Parsed parsed = ReviewContract.parse(answer("""
        {"summary": "s", "verdict": "approve", "findings": [
          {"path": "a.py", "line": 0, "severity": "fatal", "message": "m"},
          {"path": "", "line": 2.5, "severity": "error", "message": "m", "fix": "x"},
          {"path": "b.py", "line": "3", "severity": "warning"}]}"""));

    assertThat(parsed.valid()).isFalse();
    assertThat(parsed.errors()).containsExactlyInAnyOrder(
        "the document has an unknown field \"verdict\" (allowed: findings, summary)",
        "findings[0].line must be a line number (a whole number from 1), not 0",
        "findings[0].severity must be \"error\", \"warning\" or \"notice\", not \"fatal\"",
        "findings[1] has an unknown field \"fix\" (allowed: line, message, path, severity, suggestion)",
        "findings[1].path must be a non-empty string",
        "findings[1].line must be a line number (a whole number from 1), not 2.5",
        "findings[2].line must be a line number (a whole number from 1), not \"3\"",
        "findings[2] has no \"message\"");
  }

  @Test
  void findingsMustBeAnArrayAndNotAFlood() {
    assertThat(ReviewContract.parse(answer("{\"summary\": \"s\"}")).errors()).singleElement().asString()
        .contains("\"findings\" must be an array");
    StringBuilder many = new StringBuilder("{\"summary\": \"s\", \"findings\": [");
    for (int i = 0; i <= ReviewContract.MAX_FINDINGS; i++) {
      many.append(i == 0 ? "" : ",").append("{\"path\":\"a\",\"line\":1,\"severity\":\"notice\",\"message\":\"m\"}");
    }
    assertThat(ReviewContract.parse(answer(many + "]}")).errors()).singleElement().asString()
        .contains("at most " + ReviewContract.MAX_FINDINGS);
  }

  @Test
  void theCorrectionListsTheProblemsAndAsksForTheBlockOnly() {
    String prompt = ReviewContract.correction(java.util.List.of("findings[0] has no \"message\""));

    assertThat(prompt).contains("- findings[0] has no \"message\"", "```hotplex-review");
  }

  @Test
  void theInstructionsNameTheFenceAndTheSeverities() {
    assertThat(ReviewContract.instructions()).contains("```hotplex-review", "\"error\"", "\"warning\"",
        "\"notice\"", "NEW version", "Do not post comments, approve");
  }
}
