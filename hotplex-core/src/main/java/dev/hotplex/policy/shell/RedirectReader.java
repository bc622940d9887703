package dev.hotplex.policy.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one redirection at the parser position, including here-documents: the body is read from the line after the
 * command and the parser is told to skip it when it reaches that newline.
 */
final class RedirectReader {
  private static final String[] OPERATORS = {"&>>", "&>", "<<<", "<<-", "<<", "<>", "<&", ">>", ">|", ">&", "<", ">"};

  private final ScriptParser p;
  private final WordReader reader;

  RedirectReader(ScriptParser parser, WordReader reader) {
    this.p = parser;
    this.reader = reader;
  }

  Redirect read() {
    int fd = -1;
    int digitsStart = p.pos;
    while (p.pos < p.end && Character.isDigit(p.src.charAt(p.pos)) && p.src.charAt(p.pos) <= '9') {
      p.pos++;
    }
    if (p.pos > digitsStart) {
      fd = Integer.parseInt(p.src.substring(digitsStart, p.pos));
    }
    String operator = readOperator();
    if (fd < 0) {
      fd = operator.startsWith("<") ? 0 : 1;
    }
    p.skipBlanks();
    if (operator.equals("<<") || operator.equals("<<-")) {
      return new Redirect(fd, operator, readHereDoc(operator.equals("<<-")));
    }
    List<Word> target = new ArrayList<>(1);
    if (p.pos < p.end && !isOperatorChar(p.src.charAt(p.pos))) {
      reader.readWord(target);
    } else if (p.pos + 1 < p.end && p.src.charAt(p.pos + 1) == '(') {
      reader.readWord(target);
    }
    if (target.isEmpty()) {
      p.problem("redirect '" + operator + "' without a target");
      return new Redirect(fd, operator, Word.unknown(""));
    }
    if (target.size() > 1) {
      StringBuilder joined = new StringBuilder();
      for (Word word : target) {
        joined.append(joined.length() == 0 ? "" : " ").append(word.text());
      }
      return new Redirect(fd, operator, Word.unknown(joined.toString()));
    }
    return new Redirect(fd, operator, target.get(0));
  }

  private String readOperator() {
    for (String operator : OPERATORS) {
      if (p.src.startsWith(operator, p.pos)) {
        p.pos += operator.length();
        return operator;
      }
    }
    p.pos++; // unreachable for callers that checked isRedirectStart; keeps progress guaranteed
    return ">";
  }

  private static boolean isOperatorChar(char c) {
    return c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>';
  }

  private Word readHereDoc(boolean stripTabs) {
    List<Word> delimiterWords = new ArrayList<>(1);
    reader.readWord(delimiterWords);
    boolean quoted = !reader.lastPlain;
    if (delimiterWords.size() != 1) {
      p.problem("here-document without a delimiter");
      return Word.unknown("");
    }
    String delimiter = delimiterWords.get(0).text();
    int bodyStart = p.hereDocEnd;
    if (bodyStart <= p.pos) { // the first here-document of this line: its body starts on the next line
      int lineEnd = p.src.indexOf('\n', p.pos);
      if (lineEnd < 0 || lineEnd >= p.end) {
        p.problem("here-document '" + delimiter + "' has no body");
        return Word.unknown("");
      }
      bodyStart = lineEnd + 1;
    }
    StringBuilder body = new StringBuilder();
    int i = bodyStart;
    boolean terminated = false;
    while (i < p.end) {
      int next = p.src.indexOf('\n', i);
      int stop = next < 0 || next > p.end ? p.end : next;
      int from = i;
      while (stripTabs && from < stop && p.src.charAt(from) == '\t') {
        from++;
      }
      i = stop < p.end ? stop + 1 : p.end;
      if (p.src.regionMatches(from, delimiter, 0, delimiter.length()) && stop - from == delimiter.length()) {
        terminated = true;
        break;
      }
      body.append(p.src, from, stop).append('\n');
    }
    p.hereDocEnd = i;
    if (!terminated) {
      p.problem("here-document not terminated by '" + delimiter + "'");
    }
    String text = body.toString();
    if (quoted) {
      return new Word(text, terminated);
    }
    Word expanded = p.nested(text, p.vars, p.chain, true).expandHereDoc();
    return terminated ? expanded : Word.unknown(expanded.text());
  }
}
