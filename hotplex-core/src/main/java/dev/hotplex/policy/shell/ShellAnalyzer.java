package dev.hotplex.policy.shell;

import java.util.ArrayList;
import java.util.List;

/** TEMPORARY naive stand-in for the h-shell analyser (quotes, pipes, lists, redirects only). */
public final class ShellAnalyzer {
  private ShellAnalyzer() {}

  public static ShellAnalysis analyze(String script) {
    List<Invocation> all = new ArrayList<>();
    List<Pipeline> pipelines = new ArrayList<>();
    List<Invocation> stages = new ArrayList<>();
    List<Word> words = new ArrayList<>();
    List<Redirect> redirects = new ArrayList<>();
    String pendingRedirect = null;
    int i = 0;
    int n = script.length();
    while (i <= n) {
      char c = i < n ? script.charAt(i) : ';';
      if (c == ' ' || c == '\t') { i++; continue; }
      if (c == ';' || c == '|' || c == '&' || c == '\n') {
        boolean pipe = c == '|' && (i + 1 >= n || script.charAt(i + 1) != '|');
        if (!words.isEmpty()) {
          Invocation inv = new Invocation(List.copyOf(words), List.copyOf(redirects), List.of(), false, false);
          all.add(inv);
          stages.add(inv);
        }
        words.clear();
        redirects.clear();
        if (!pipe) {
          if (stages.size() > 1) pipelines.add(new Pipeline(List.copyOf(stages)));
          stages.clear();
        }
        i += (i + 1 < n && (script.charAt(i + 1) == c)) ? 2 : 1;
        continue;
      }
      if (c == '>' || c == '<') {
        int start = i;
        while (i < n && (script.charAt(i) == '>' || script.charAt(i) == '<' || script.charAt(i) == '&')) i++;
        pendingRedirect = script.substring(start, i);
        continue;
      }
      StringBuilder sb = new StringBuilder();
      boolean resolved = true;
      while (i < n) {
        char d = script.charAt(i);
        if (d == ' ' || d == ';' || d == '|' || d == '&' || d == '>' || d == '<' || d == '\n') break;
        if (d == '\'' || d == '"') {
          int end = script.indexOf(d, i + 1);
          if (end < 0) end = n;
          String inner = script.substring(i + 1, end);
          if (d == '"' && inner.contains("$")) resolved = false;
          sb.append(inner);
          i = Math.min(n, end + 1);
          continue;
        }
        if (d == '$' || d == '`') resolved = false;
        sb.append(d);
        i++;
      }
      Word w = new Word(sb.toString(), resolved);
      if (pendingRedirect != null) {
        int fd = pendingRedirect.startsWith("<") ? 0 : 1;
        if (!words.isEmpty() && words.get(words.size() - 1).text().matches("[0-9]")) {
          fd = Integer.parseInt(words.remove(words.size() - 1).text());
        }
        redirects.add(new Redirect(fd, pendingRedirect, w));
        pendingRedirect = null;
      } else {
        words.add(w);
      }
    }
    return new ShellAnalysis(script, List.copyOf(all), List.copyOf(pipelines), List.of());
  }
}
