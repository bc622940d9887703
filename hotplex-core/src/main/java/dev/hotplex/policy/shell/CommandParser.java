package dev.hotplex.policy.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one command for {@link ScriptParser}: a simple command with its redirects, a subshell, or (through
 * {@link CompoundCommands}) a reserved word and the compound command it starts.
 */
final class CommandParser {
  private final ScriptParser p;
  private final WordReader reader;
  private final CompoundCommands compounds;

  CommandParser(ScriptParser parser, WordReader reader) {
    this.p = parser;
    this.reader = reader;
    this.compounds = new CompoundCommands(parser, reader, this);
  }

  /** Parses one command; returns its invocation, or null for compound commands and empty commands. */
  Invocation parseCommand(int mode, List<VariableEffects.Effect> effects) {
    p.skipBlanks();
    if (p.pos < p.end && p.src.charAt(p.pos) == '(') {
      if (p.peek(1) == '(') {
        p.pos += 2;
        reader.skipArithmetic();
      } else {
        p.pos++;
        closeParen(p.parseNestedList(ScriptParser.END_EOF, true), "(");
      }
      trailingRedirects();
      return null;
    }
    return parseSimpleCommand(mode, effects);
  }

  private Invocation parseSimpleCommand(int mode, List<VariableEffects.Effect> effects) {
    List<Word> words = new ArrayList<>(4);
    List<Redirect> redirects = new ArrayList<>(0);
    boolean testExpression = false;
    while (true) {
      p.skipBlanks();
      if (p.pos >= p.end) {
        break;
      }
      char c = p.src.charAt(p.pos);
      if (testExpression && isTestOperatorChar(c)) {
        words.add(Word.of(readOperatorWord()));
        continue;
      }
      if (c == '\n' || c == ';' || c == '|' || c == ')' || (c == '&' && p.peek(1) != '>')) {
        break;
      }
      if (c == '#' ) {
        p.skipComment();
        break;
      }
      if (c == '(') {
        if (words.size() == 1 && redirects.isEmpty() && reader.lastPlain && compounds.isFunctionParens()) {
          compounds.parseFunctionBody(mode);
          return null;
        }
        p.problem("unexpected '(' inside a command");
        p.pos++;
        closeParen(p.parseNestedList(ScriptParser.END_EOF, true), "(");
        continue;
      }
      if (isRedirectStart(c)) {
        redirects.add(readRedirect());
        continue;
      }
      boolean first = words.isEmpty() && redirects.isEmpty();
      int before = words.size();
      reader.readWord(words, inAssignmentPosition(words));
      if (first && words.size() == 1 && reader.lastPlain) {
        String keyword = words.get(0).text();
        int handled = compounds.handleReservedWord(keyword, mode, effects);
        if (handled == CompoundCommands.KEYWORD_ENDS_COMMAND) {
          return null;
        }
        if (handled == CompoundCommands.KEYWORD_SKIPPED) {
          words.clear();
          continue;
        }
        testExpression = keyword.equals("[[");
      } else if (testExpression && words.size() > before && words.get(words.size() - 1).text().equals("]]")) {
        testExpression = false;
      }
      if (words.size() > before && p.pos < p.end && p.src.charAt(p.pos) == '(') {
        Word last = words.get(words.size() - 1);
        if (Assignment.nameEnd(last.text()) > 0 && last.text().endsWith("=")) {
          words.set(words.size() - 1, readArrayAssignment(last));
        }
      }
    }
    if (words.isEmpty() && redirects.isEmpty()) {
      return null;
    }
    Invocation invocation = new Invocation(words, redirects, p.chain, false, p.inSubstitution);
    p.sink.add(invocation);
    VariableEffects.collect(invocation, effects);
    Wrappers.expand(invocation, p, p.depth);
    return invocation;
  }

  /** Before the command word, or among the arguments of {@code export}, {@code local} and the like. */
  private static boolean inAssignmentPosition(List<Word> words) {
    for (Word word : words) {
      if (Assignment.nameEnd(word.text()) < 0) {
        return word.resolved() && VariableEffects.isDeclaration(word.text());
      }
    }
    return true;
  }

  private Word readArrayAssignment(Word head) {
    int start = p.pos;
    p.pos++;
    List<Word> elements = new ArrayList<>();
    while (true) {
      p.skipBlanksNewlinesAndComments();
      if (p.pos >= p.end) {
        p.problem("unterminated array assignment");
        break;
      }
      char c = p.src.charAt(p.pos);
      if (c == ')') {
        p.pos++;
        break;
      }
      if (c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '(') {
        p.pos++;
        continue;
      }
      reader.readWord(elements);
    }
    return Word.unknown(head.text() + p.src.substring(start, p.pos));
  }

  private void closeParen(int ending, String opener) {
    if (ending == ScriptParser.END_PAREN && p.pos < p.end && p.src.charAt(p.pos) == ')') {
      p.pos++;
    } else if (p.pos >= p.end) {
      p.problem("unterminated '" + opener + "'");
    }
  }

  void closeGroup(int ending) {
    if (ending != ScriptParser.END_BRACE && p.pos >= p.end) {
      p.problem("unterminated '{'");
    }
  }

  /** Redirects after a compound command are kept as a command without words, so writes stay visible. */
  void trailingRedirects() {
    List<Redirect> redirects = new ArrayList<>(0);
    while (true) {
      p.skipBlanks();
      if (p.pos >= p.end || !isRedirectStart(p.src.charAt(p.pos))) {
        break;
      }
      redirects.add(readRedirect());
    }
    if (!redirects.isEmpty()) {
      p.sink.add(new Invocation(List.of(), redirects, p.chain, false, p.inSubstitution));
    }
  }

  private boolean isRedirectStart(char c) {
    if (c == '<' || c == '>') {
      return p.peek(1) != '(';
    }
    if (c == '&') {
      return p.peek(1) == '>';
    }
    if (c >= '0' && c <= '9') {
      int i = p.pos;
      while (i < p.end && p.src.charAt(i) >= '0' && p.src.charAt(i) <= '9') {
        i++;
      }
      return i < p.end && i - p.pos < 6 && (p.src.charAt(i) == '<' || p.src.charAt(i) == '>');
    }
    return false;
  }

  private Redirect readRedirect() {
    return new RedirectReader(p, reader).read();
  }

  private static boolean isTestOperatorChar(char c) {
    return c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>';
  }

  private String readOperatorWord() {
    int start = p.pos;
    char c = p.src.charAt(p.pos++);
    if ((c == '&' || c == '|') && p.pos < p.end && p.src.charAt(p.pos) == c) {
      p.pos++;
    }
    return p.src.substring(start, p.pos);
  }
}
