package dev.hotplex.policy;

import dev.hotplex.policy.PathEffect.Access;
import dev.hotplex.policy.shell.Word;
import java.util.List;
import java.util.Set;

/**
 * What a git command does to files, in the directory its global options point at: {@code -C DIR} (repeatable,
 * each relative to the one before, as git does), {@code --work-tree DIR} and {@code --git-dir DIR}, else the current
 * directory. {@code clone} writes its destination, {@code init} its directory, {@code clean} deletes in the work
 * tree (its pathspecs, or the whole directory), and the commands that rewrite tracked files ({@code checkout},
 * {@code reset --hard}, {@code merge}, ...) write the work tree and the git directory. So
 * {@code git -C /srv/other clean -fdx} is a delete of {@code /srv/other}, while {@code git clean -fdx} stays a delete
 * of the workspace.
 */
final class GitEffects {
  /** Global options that take a value, as a separate word or after {@code =}. */
  private static final Set<String> GLOBAL_WITH_VALUE = Set.of("-C", "-c", "--git-dir", "--work-tree", "--namespace",
      "--super-prefix", "--config-env");
  /** Subcommands that overwrite or remove tracked files of the work tree. */
  private static final Set<String> WORK_TREE_WRITERS = Set.of("checkout", "switch", "restore", "merge", "rebase",
      "pull", "stash", "cherry-pick", "revert", "am", "apply", "rm", "mv");
  private static final Set<String> HARD_RESETS = Set.of("--hard", "--merge", "--keep");
  private static final Word HERE = Word.of(".");

  private GitEffects() {}

  static void collect(List<Word> words, List<PathEffect> effects) {
    Word base = HERE;
    Word workTree = null;
    Word gitDir = null;
    int i = 0;
    for (; i < words.size() && words.get(i).text().startsWith("-"); i++) {
      String text = words.get(i).text();
      int eq = text.startsWith("--") ? text.indexOf('=') : -1;
      String option = eq > 0 ? text.substring(0, eq) : text;
      Word value = eq > 0 ? new Word(text.substring(eq + 1), words.get(i).resolved())
          : GLOBAL_WITH_VALUE.contains(text) && i + 1 < words.size() ? words.get(++i) : null;
      if (value == null) {
        continue;
      }
      switch (option) {
        case "-C" -> base = Args.inDirectory(base, value);
        case "--work-tree" -> workTree = Args.inDirectory(base, value);
        case "--git-dir" -> gitDir = Args.inDirectory(base, value);
        default -> { }
      }
    }
    if (i >= words.size()) {
      return;
    }
    String subcommand = words.get(i).text();
    Args rest = new Args(words.subList(i + 1, words.size()));
    Word tree = workTree != null ? workTree : base;
    switch (subcommand) {
      case "clone" -> clone(base, rest.operands(), effects);
      case "init" -> {
        List<Word> ops = rest.operands();
        effects.add(new PathEffect(Access.WRITE, ops.isEmpty() ? base : Args.inDirectory(base, ops.get(0)), false));
      }
      case "clean" -> {
        if (!rest.has("-n", "--dry-run")) {
          clean(base, tree, rest, effects);
        }
      }
      default -> {
        if (WORK_TREE_WRITERS.contains(subcommand) || subcommand.equals("reset") && rest.has(
            HARD_RESETS.toArray(String[]::new))) {
          effects.add(new PathEffect(Access.WRITE, tree, false));
          if (gitDir != null) {
            effects.add(new PathEffect(Access.WRITE, gitDir, false));
          }
        }
      }
    }
  }

  /** {@code git clone URL [DIR]}: the last operand is the destination unless it is the URL itself. */
  private static void clone(Word base, List<Word> ops, List<PathEffect> effects) {
    if (ops.size() >= 2) {
      Word dest = ops.get(ops.size() - 1);
      if (!dest.text().contains("://") && !dest.text().contains("@")) {
        effects.add(new PathEffect(Access.WRITE, Args.inDirectory(base, dest), false));
      }
    }
  }

  /** Deletes the pathspecs (relative to the directory git runs in), or everything below the work tree. */
  private static void clean(Word base, Word tree, Args rest, List<PathEffect> effects) {
    List<Word> excluded = rest.valuesOf("-e", "--exclude");
    List<Word> pathspecs = rest.operands().stream().filter(op -> !excluded.contains(op)).toList();
    if (pathspecs.isEmpty()) {
      effects.add(new PathEffect(Access.DELETE, tree, false));
    }
    for (Word pathspec : pathspecs) {
      effects.add(new PathEffect(Access.DELETE, Args.inDirectory(base, pathspec), false));
    }
  }
}
