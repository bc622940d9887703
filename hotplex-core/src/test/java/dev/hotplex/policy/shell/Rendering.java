package dev.hotplex.policy.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders analyses compactly for table-driven assertions: one line per invocation,
 * {@code [chain>chain] sub: word ?{unresolved} 2>&1 &}.
 */
final class Rendering {
  private Rendering() {}

  static List<String> invocations(String script) {
    return invocations(ShellAnalyzer.analyze(script));
  }

  static List<String> invocations(ShellAnalysis analysis) {
    List<String> lines = new ArrayList<>();
    for (Invocation invocation : analysis.invocations()) {
      lines.add(render(invocation));
    }
    return lines;
  }

  static String render(Invocation invocation) {
    StringBuilder line = new StringBuilder();
    if (!invocation.wrapperChain().isEmpty()) {
      line.append('[').append(String.join(">", invocation.wrapperChain())).append("] ");
    }
    if (invocation.inSubstitution()) {
      line.append("sub: ");
    }
    List<String> parts = new ArrayList<>();
    for (Word word : invocation.words()) {
      parts.add(render(word));
    }
    for (Redirect redirect : invocation.redirects()) {
      parts.add(redirect.fd() + redirect.operator() + render(redirect.target()));
    }
    line.append(String.join(" ", parts));
    if (invocation.background()) {
      line.append(" &");
    }
    return line.toString();
  }

  static String render(Word word) {
    return word.resolved() ? word.text() : "?{" + word.text() + "}";
  }
}
