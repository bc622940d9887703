package dev.hotplex.cli.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DiffHunksTest {
  private static final String PATCH = String.join("\n",
      "@@ -1,4 +1,5 @@",
      " def average(values):",
      "-    return sum(values) / len(values)",
      "+    total = sum(values)",
      "+    return total / len(values)",
      " ",
      " ",
      "@@ -20,3 +21,2 @@ def main():",
      " x = 1",
      "-y = 2",
      " z = 3",
      "\\ No newline at end of file");

  @Test
  void addedAndContextLinesOfTheNewSideCanBeCommented() {
    DiffHunks hunks = DiffHunks.parse(PATCH);

    assertThat(hunks.describe()).isEqualTo("1-5, 21-22");
    assertThat(hunks.contains(1)).isTrue();
    assertThat(hunks.contains(3)).isTrue();
    assertThat(hunks.contains(5)).isTrue();
    assertThat(hunks.contains(22)).isTrue();
  }

  @Test
  void linesBetweenAndAfterHunksCannot() {
    DiffHunks hunks = DiffHunks.parse(PATCH);

    assertThat(hunks.contains(0)).isFalse();
    assertThat(hunks.contains(6)).isFalse();
    assertThat(hunks.contains(20)).isFalse();
    assertThat(hunks.contains(23)).isFalse();
  }

  @Test
  void fileHeadersBeforeTheFirstHunkAreSkipped() {
    DiffHunks hunks = DiffHunks.parse("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -0,0 +1,2 @@\n+a\n+b\n");

    assertThat(hunks.describe()).isEqualTo("1-2");
  }

  @Test
  void aHunkWithoutCountsIsOneLine() {
    assertThat(DiffHunks.parse("@@ -3 +3 @@\n-old\n+new").describe()).isEqualTo("3");
  }

  @Test
  void aDeletedFileHasNothingToComment() {
    assertThat(DiffHunks.parse("@@ -1,2 +0,0 @@\n-a\n-b").describe()).isEqualTo("none");
    assertThat(DiffHunks.parse(null).contains(1)).isFalse();
  }

  @Test
  void aBrokenHunkHeaderIsAnError() {
    assertThatThrownBy(() -> DiffHunks.parse("@@ nonsense @@\n+a")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed hunk header");
  }
}
