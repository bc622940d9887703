package dev.hotplex.policy.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * One simple command the script would run, e.g. {@code rm -rf /tmp/x} in {@code cd /tmp && rm -rf /tmp/x}.
 *
 * @param words every word including leading assignments, the command and its arguments
 * @param redirects the command's redirections, in source order
 * @param wrapperChain the wrappers this command was found inside, outermost first, e.g. {@code ["sudo", "bash -c"]};
 *     empty for commands written directly in the script
 * @param background whether the command runs in the background ({@code &})
 * @param inSubstitution whether the command runs inside {@code $( )}, backticks or {@code <( )}/{@code >( )}
 */
public record Invocation(List<Word> words, List<Redirect> redirects, List<String> wrapperChain,
    boolean background, boolean inSubstitution) {

  public Invocation {
    words = List.copyOf(words);
    redirects = List.copyOf(redirects);
    wrapperChain = List.copyOf(wrapperChain);
  }

  /** The command word: the first word after the leading assignments, or null for a bare assignment/redirect. */
  public Word command() {
    int index = commandIndex();
    return index < words.size() ? words.get(index) : null;
  }

  /**
   * The basename of the resolved command word ({@code /usr/bin/rm} gives {@code rm}), or null when there is no
   * command or its word is unresolved.
   */
  public String commandName() {
    Word command = command();
    if (command == null || !command.resolved()) {
      return null;
    }
    String text = command.text();
    return text.substring(text.lastIndexOf('/') + 1);
  }

  /** The words after the command word (empty when there is no command). */
  public List<Word> args() {
    int index = commandIndex();
    return index + 1 < words.size() ? words.subList(index + 1, words.size()) : List.of();
  }

  /** The leading {@code NAME=value} words, in order. */
  public List<Assignment> assignments() {
    int index = commandIndex();
    List<Assignment> result = new ArrayList<>(index);
    for (int i = 0; i < index; i++) {
      result.add(Assignment.parse(words.get(i)));
    }
    return result;
  }

  /** Whether every word and redirect target is statically resolved. */
  public boolean fullyResolved() {
    for (Word word : words) {
      if (!word.resolved()) {
        return false;
      }
    }
    for (Redirect redirect : redirects) {
      if (!redirect.target().resolved()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether this is a shell or interpreter ({@code sh}, {@code bash}, {@code python3}, {@code node}, {@code perl},
   * ...) that reads its program from standard input: no {@code -c}/{@code -e}-style code argument, no script file
   * (or the file {@code -}), and no here-document or here-string (those are analysed as scripts). Whether stdin is a
   * pipe is a property of the surrounding script: see {@link ShellAnalysis#scriptsReadFromPipe()}.
   */
  public boolean readsScriptFromStdin() {
    String name = commandName();
    if (name == null || !Interpreters.isShellOrInterpreter(name)) {
      return false;
    }
    for (Redirect redirect : redirects) {
      if (redirect.isHereInput()) {
        return false;
      }
    }
    return Interpreters.readsProgramFromStdin(name, args());
  }

  Invocation inBackground() {
    return background ? this : new Invocation(words, redirects, wrapperChain, true, inSubstitution);
  }

  private int commandIndex() {
    int i = 0;
    while (i < words.size() && Assignment.nameEnd(words.get(i).text()) >= 0) {
      i++;
    }
    return i;
  }
}
