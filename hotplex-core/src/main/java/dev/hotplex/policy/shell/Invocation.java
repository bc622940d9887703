package dev.hotplex.policy.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One simple command the script would run, e.g. {@code rm -rf /tmp/x} in {@code cd /tmp && rm -rf /tmp/x}.
 * Immutable. A value class rather than a record so that the position of the command word, which the analyser and
 * every policy rule ask for, is found once.
 */
public final class Invocation {
  private final List<Word> words;
  private final List<Redirect> redirects;
  private final List<String> wrapperChain;
  private final boolean background;
  private final boolean inSubstitution;
  /** Index of the command word in {@link #words}: the number of leading assignments. */
  private final int commandIndex;

  /**
   * @param words every word including leading assignments, the command and its arguments
   * @param redirects the command's redirections, in source order
   * @param wrapperChain the wrappers this command was found inside, outermost first, e.g.
   *     {@code ["sudo", "bash -c"]}; empty for commands written directly in the script
   * @param background whether the command runs in the background ({@code &})
   * @param inSubstitution whether the command runs inside {@code $( )}, backticks or {@code <( )}/{@code >( )}
   */
  public Invocation(List<Word> words, List<Redirect> redirects, List<String> wrapperChain, boolean background,
      boolean inSubstitution) {
    this.words = List.copyOf(words);
    this.redirects = List.copyOf(redirects);
    this.wrapperChain = List.copyOf(wrapperChain);
    this.background = background;
    this.inSubstitution = inSubstitution;
    int index = 0;
    while (index < this.words.size() && Assignment.nameEnd(this.words.get(index).text()) >= 0) {
      index++;
    }
    this.commandIndex = index;
  }

  /** Every word including leading assignments, the command and its arguments. */
  public List<Word> words() {
    return words;
  }

  /** The command's redirections, in source order. */
  public List<Redirect> redirects() {
    return redirects;
  }

  /** The wrappers this command was found inside, outermost first; empty for commands written in the script. */
  public List<String> wrapperChain() {
    return wrapperChain;
  }

  /** Whether the command runs in the background ({@code &}). */
  public boolean background() {
    return background;
  }

  /** Whether the command runs inside {@code $( )}, backticks or {@code <( )}/{@code >( )}. */
  public boolean inSubstitution() {
    return inSubstitution;
  }

  /** The command word: the first word after the leading assignments, or null for a bare assignment/redirect. */
  public Word command() {
    return commandIndex < words.size() ? words.get(commandIndex) : null;
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
    return commandIndex + 1 < words.size() ? words.subList(commandIndex + 1, words.size()) : List.of();
  }

  /** The leading {@code NAME=value} words, in order. */
  public List<Assignment> assignments() {
    List<Assignment> result = new ArrayList<>(commandIndex);
    for (int i = 0; i < commandIndex; i++) {
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

  @Override
  public boolean equals(Object other) {
    return other instanceof Invocation that && words.equals(that.words) && redirects.equals(that.redirects)
        && wrapperChain.equals(that.wrapperChain) && background == that.background
        && inSubstitution == that.inSubstitution;
  }

  @Override
  public int hashCode() {
    return Objects.hash(words, redirects, wrapperChain, background, inSubstitution);
  }

  @Override
  public String toString() {
    return "Invocation[words=" + words + ", redirects=" + redirects + ", wrapperChain=" + wrapperChain
        + ", background=" + background + ", inSubstitution=" + inSubstitution + "]";
  }
}
