package dev.hotplex.policy.shell;

import java.util.List;

/** TEMPORARY copy of the h-shell API signature; replaced by the real analyser at merge. */
public record Invocation(List<Word> words, List<Redirect> redirects, List<String> wrapperChain, boolean background,
    boolean inSubstitution) {
  public Word command() {
    return words.isEmpty() ? null : words.get(0);
  }

  public String commandName() {
    Word c = command();
    if (c == null || !c.resolved()) {
      return null;
    }
    String t = c.text();
    return t.substring(t.lastIndexOf('/') + 1);
  }

  public List<Word> args() {
    return words.isEmpty() ? List.of() : words.subList(1, words.size());
  }

  public List<Assignment> assignments() {
    return List.of();
  }

  public boolean readsScriptFromStdin() {
    String name = commandName();
    return name != null && List.of("sh", "bash", "zsh", "dash", "python", "python3", "perl", "ruby", "node")
        .contains(name) && args().stream().noneMatch(w -> !w.text().startsWith("-"));
  }

  /** TEMPORARY. */
  public record Assignment(String name, Word value) {}
}
