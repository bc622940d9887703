package dev.hotplex.policy.shell;

import java.util.List;

/**
 * Accumulates one source word into fields: unquoted known values are split on blanks like bash does, a word made only
 * of empty unquoted expansions disappears, and unquoted braces are remembered for brace expansion.
 */
final class WordBuilder {
  /** Most words one brace expansion may produce; larger expansions stay unexpanded and unresolved. */
  static final int MAX_BRACE_WORDS = 256;

  private final List<Word> out;
  private final StringBuilder text = new StringBuilder();
  private boolean resolved = true;
  private boolean hasContent;
  private boolean plain = true;
  private boolean splitPending;
  private boolean assignmentAllowed;
  private boolean nameSoFar = true;
  private boolean assignment;
  private int[] braces;
  private int braceCount;

  /** @param out where finished fields go; null to build a single word (see {@link #single()}) */
  WordBuilder(List<Word> out) {
    this.out = out;
  }

  void allowAssignment(boolean allowed) {
    assignmentAllowed = allowed;
  }

  void appendLiteral(char c) {
    startContent();
    if (c == '=' && nameSoFar && assignmentAllowed && text.length() > 0) {
      assignment = true;
    }
    nameSoFar &= text.length() == 0 ? Assignment.isNameStart(c) : Assignment.isNameChar(c);
    text.append(c);
  }

  void appendLiteralOrQuoted(char c, boolean quoted) {
    if (quoted) {
      appendQuoted(c);
    } else {
      appendLiteral(c);
    }
  }

  void appendQuoted(char c) {
    startContent();
    nameSoFar = false;
    plain = false;
    text.append(c);
  }

  void appendQuoted(CharSequence chars, int from, int to) {
    startContent();
    nameSoFar = false;
    plain = false;
    text.append(chars, from, to);
  }

  /** A part whose value is unknown: rendered as its source, and the word becomes unresolved. */
  void appendUnknown(String source) {
    startContent();
    nameSoFar = false;
    plain = false;
    resolved = false;
    text.append(source);
  }

  void markUnresolved() {
    plain = false;
    nameSoFar = false;
    resolved = false;
    hasContent = true;
  }

  /** Appends an unquoted known value, splitting it into fields on blanks. */
  void appendSplit(String value) {
    plain = false;
    nameSoFar = false;
    if (assignment) {
      appendQuoted(value, 0, value.length());
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n') {
        splitPending = hasContent;
      } else {
        startContent();
        text.append(c);
      }
    }
  }

  void markBrace() {
    if (braces == null) {
      braces = new int[8];
    } else if (braceCount == braces.length) {
      braces = java.util.Arrays.copyOf(braces, braceCount * 2);
    }
    startContent();
    braces[braceCount++] = text.length();
  }

  /** Ends the word; returns whether it was plain (no quoting or expansion at all). */
  boolean finish() {
    flushField();
    return plain;
  }

  /** The whole input as one word (here-document bodies and other unsplit contexts). */
  Word single() {
    return new Word(text.toString(), resolved);
  }

  private void startContent() {
    if (splitPending) {
      splitPending = false;
      flushField();
    }
    hasContent = true;
  }

  private void flushField() {
    if (!hasContent) {
      return;
    }
    String value = text.toString();
    if (braceCount >= 3 && resolved && !assignment) {
      List<String> expanded = BraceExpansion.expand(value, braces, braceCount, MAX_BRACE_WORDS);
      if (expanded == null) {
        out.add(Word.unknown(value));
      } else {
        for (String each : expanded) {
          out.add(Word.of(each));
        }
      }
    } else {
      out.add(new Word(value, resolved));
    }
    text.setLength(0);
    resolved = true;
    hasContent = false;
    braceCount = 0;
  }
}
