package dev.hotplex.policy.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Reserved words at the start of a command. Groups, {@code for}/{@code select} headers, {@code case} arms and
 * function bodies are parsed so their commands are found; {@code if then elif else fi while until do done} are
 * skipped (only counted, so that assignments inside them are treated as conditional) and the commands between them
 * are parsed as a normal list.
 */
final class CompoundCommands {
  private final ScriptParser p;
  private final WordReader reader;
  private final CommandParser commands;

  CompoundCommands(ScriptParser parser, WordReader reader, CommandParser commands) {
    this.p = parser;
    this.reader = reader;
    this.commands = commands;
  }

  static final int KEYWORD_NONE = 0;
  static final int KEYWORD_SKIPPED = 1;
  static final int KEYWORD_ENDS_COMMAND = 2;

  int handleReservedWord(String word, int mode, List<VariableEffects.Effect> effects) {
    switch (word) {
      case "{" -> {
        commands.closeGroup(p.parseNestedList(ScriptParser.END_BRACE, false));
        commands.trailingRedirects();
        return KEYWORD_ENDS_COMMAND;
      }
      case "}" -> {
        if (mode == ScriptParser.END_BRACE) {
          p.endListWith(ScriptParser.END_BRACE);
          return KEYWORD_ENDS_COMMAND;
        }
        return KEYWORD_SKIPPED;
      }
      case "esac" -> {
        if (mode == ScriptParser.END_CASE_ARM) {
          p.endListWith(ScriptParser.END_ESAC);
          return KEYWORD_ENDS_COMMAND;
        }
        return KEYWORD_SKIPPED;
      }
      case "if", "while", "until" -> {
        p.conditionalDepth++;
        return KEYWORD_SKIPPED;
      }
      case "fi", "done" -> {
        p.conditionalDepth = Math.max(0, p.conditionalDepth - 1);
        return KEYWORD_SKIPPED;
      }
      case "then", "else", "elif", "do", "!", "coproc" -> {
        return KEYWORD_SKIPPED;
      }
      case "for", "select" -> {
        parseForHeader(effects);
        return KEYWORD_ENDS_COMMAND;
      }
      case "case" -> {
        parseCase();
        return KEYWORD_ENDS_COMMAND;
      }
      case "function" -> {
        p.skipBlanks();
        reader.readWord(new ArrayList<>(1));
        p.skipBlanks();
        if (isFunctionParens()) {
          p.skipBlanks();
        }
        parseFunctionBody(mode);
        return KEYWORD_ENDS_COMMAND;
      }
      default -> {
        return KEYWORD_NONE;
      }
    }
  }

  private void parseForHeader(List<VariableEffects.Effect> effects) {
    p.conditionalDepth++;
    p.skipBlanks();
    if (p.pos + 1 < p.end && p.src.charAt(p.pos) == '(' && p.src.charAt(p.pos + 1) == '(') {
      p.pos += 2;
      reader.skipArithmetic();
      return;
    }
    List<Word> header = new ArrayList<>(4);
    reader.readWord(header);
    if (!header.isEmpty()) {
      p.vars.setUnknown(header.get(0).text());
    }
    while (true) {
      p.skipBlanks();
      if (p.pos >= p.end) {
        return;
      }
      char c = p.src.charAt(p.pos);
      if (c == ';' || c == '\n' || c == '&' || c == '|' || c == ')' || c == '(' || c == '<' || c == '>') {
        return;
      }
      if (c == '#') {
        p.skipComment();
        return;
      }
      reader.readWord(header);
    }
  }

  private void parseCase() {
    p.skipBlanks();
    reader.readWord(new ArrayList<>(1));
    p.skipBlanksNewlinesAndComments();
    List<Word> scratch = new ArrayList<>(2);
    reader.readWord(scratch);
    if (scratch.size() != 1 || !scratch.get(0).text().equals("in")) {
      p.problem("case without 'in'");
    }
    p.conditionalDepth++;
    try {
      while (true) {
        p.skipBlanksNewlinesAndComments();
        if (p.pos >= p.end || p.src.charAt(p.pos) == ')') {
          p.problem("unterminated case");
          return;
        }
        if (p.src.charAt(p.pos) == '(') {
          p.pos++;
        }
        scratch.clear();
        reader.readWord(scratch);
        if (scratch.size() == 1 && reader.lastPlain && scratch.get(0).text().equals("esac")) {
          return;
        }
        if (!skipCasePatterns()) {
          return;
        }
        int ending = p.parseNestedList(ScriptParser.END_CASE_ARM, false);
        if (ending != ScriptParser.END_CASE_ARM) {
          if (ending != ScriptParser.END_ESAC) {
            p.problem("unterminated case");
          }
          return;
        }
      }
    } finally {
      p.conditionalDepth = Math.max(0, p.conditionalDepth - 1);
    }
  }

  /** Skips {@code | pattern ...} through the closing {@code )} of a case arm. */
  private boolean skipCasePatterns() {
    List<Word> scratch = new ArrayList<>(2);
    while (true) {
      p.skipBlanks();
      if (p.pos >= p.end) {
        p.problem("unterminated case pattern");
        return false;
      }
      char c = p.src.charAt(p.pos);
      if (c == ')') {
        p.pos++;
        return true;
      }
      if (c == '|') {
        p.pos++;
      } else if (c == '\n' || c == ';' || c == '&' || c == '(' || c == '<' || c == '>') {
        p.problem("malformed case pattern");
        return false;
      } else {
        reader.readWord(scratch);
      }
    }
  }

  void parseFunctionBody(int mode) {
    p.skipBlanksNewlinesAndComments();
    p.conditionalDepth++;
    try {
      commands.parseCommand(mode, new ArrayList<>(0));
    } finally {
      p.conditionalDepth--;
    }
  }

  /** After a word, {@code ( )} marks a function definition; consumes it when present. */
  boolean isFunctionParens() {
    int save = p.pos;
    if (p.pos < p.end && p.src.charAt(p.pos) == '(') {
      p.pos++;
      p.skipBlanks();
      if (p.pos < p.end && p.src.charAt(p.pos) == ')') {
        p.pos++;
        return true;
      }
    }
    p.pos = save;
    return false;
  }
}
