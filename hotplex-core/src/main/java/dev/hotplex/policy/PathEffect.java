package dev.hotplex.policy;

import dev.hotplex.policy.shell.Word;

/**
 * A file a command reads, writes or deletes, as written in the command.
 *
 * @param access what the command does to the path
 * @param word the path word
 * @param heuristic true when the command is unknown and the word merely looks like a path (checked for secrets
 *     only, so that unknown tools with path-like arguments are not jailed by guesswork)
 */
record PathEffect(Access access, Word word, boolean heuristic) {
  /** What a command does to a path; LINK is the target a new symbolic link points to. */
  enum Access { READ, WRITE, DELETE, LINK }
}
