package dev.hotplex.policy.shell;

/**
 * One shell word after quote removal and static expansion.
 *
 * <p>When {@code resolved} is true, {@code text} is exactly the value bash would pass to the command. When it is
 * false, some part could not be known before running (an unknown variable, a command substitution, an unterminated
 * quote, ...): {@code text} is then a best-effort rendering where the known parts are de-quoted and each unknown part
 * keeps its source form, e.g. {@code "$HOME/.ssh"} gives {@code $HOME/.ssh} and {@code "$(echo rm)"} gives
 * {@code $(echo rm)}. Rules must treat unresolved words as "could be anything".
 *
 * @param text the resolved value, or the best-effort rendering when unresolved
 * @param resolved whether {@code text} is the exact runtime value
 */
public record Word(String text, boolean resolved) {

  public Word {
    text = text == null ? "" : text;
  }

  /** A statically known word. */
  public static Word of(String text) {
    return new Word(text, true);
  }

  /** A word whose value is unknown before running; {@code text} renders it. */
  public static Word unknown(String text) {
    return new Word(text, false);
  }
}
