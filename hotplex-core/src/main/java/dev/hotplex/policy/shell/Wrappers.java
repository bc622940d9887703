package dev.hotplex.policy.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the commands a wrapper command runs ({@code sudo rm}, {@code bash -c 'rm'}, {@code find -exec rm},
 * {@code xargs rm}, {@code python -c "os.system('rm')"}, ...) and reports them as further invocations right after the
 * wrapper, with the wrapper appended to their {@link Invocation#wrapperChain()}.
 */
final class Wrappers {
  private static final Set<String> SUDO_LONG = Set.of("--user", "--group", "--chdir", "--prompt", "--role",
      "--type", "--other-user", "--host", "--close-from", "--command-timeout", "--login-class");
  private static final Set<String> ENV_LONG = Set.of("--unset", "--chdir", "--split-string");
  private static final Set<String> TIMEOUT_LONG = Set.of("--signal", "--kill-after");
  private static final Set<String> XARGS_LONG = Set.of("--max-args", "--max-procs", "--max-lines", "--delimiter",
      "--arg-file", "--eof", "--max-chars", "--process-slot-var");
  private static final Set<String> NO_LONG = Set.of();

  private Wrappers() {}

  /** Analyses what {@code invocation} runs, if it is a wrapper; {@code depth} is its nesting level. */
  static void expand(Invocation invocation, ScriptParser parser, int depth) {
    String name = invocation.commandName();
    if (name == null) {
      return;
    }
    Inner inner = new Inner(invocation, parser, depth);
    List<Word> args = invocation.args();
    switch (name) {
      case "sudo" -> {
        if (!hasFlag(args, "-e") && !hasFlag(args, "--edit")) {
          inner.command("sudo", args, operand(args, 0, "ugCDhpPrtTUR", SUDO_LONG));
        }
      }
      case "doas" -> inner.command("doas", args, operand(args, 0, "uC", NO_LONG));
      case "nohup", "builtin", "busybox" -> inner.command(name, args, 0);
      case "setsid" -> inner.command(name, args, operand(args, 0, "", NO_LONG));
      case "exec" -> inner.command(name, args, operand(args, 0, "a", NO_LONG));
      case "time" -> inner.command(name, args, operand(args, 0, "fo", Set.of("--format", "--output")));
      case "nice" -> inner.command(name, args, operand(args, 0, "n", Set.of("--adjustment")));
      case "stdbuf" -> inner.command(name, args, operand(args, 0, "ioe", Set.of("--input", "--output",
          "--error")));
      case "command" -> {
        if (!hasFlag(args, "-v") && !hasFlag(args, "-V")) {
          inner.command(name, args, operand(args, 0, "", NO_LONG));
        }
      }
      case "ionice" -> {
        if (!hasFlag(args, "-p") && !hasFlag(args, "-P") && !hasFlag(args, "-u")) {
          inner.command(name, args, operand(args, 0, "cn", Set.of("--class", "--classdata")));
        }
      }
      case "timeout" -> inner.command(name, args, operand(args, 0, "sk", TIMEOUT_LONG) + 1);
      case "chroot" -> inner.command(name, args,
          operand(args, 0, "", Set.of("--userspec", "--groups")) + 1);
      case "env" -> env(inner, args);
      case "su", "runuser" -> suCommand(inner, name, args);
      case "flock" -> flock(inner, args);
      case "xargs" -> xargs(inner, args);
      case "parallel" -> parallel(inner, args);
      case "watch" -> watch(inner, args);
      case "find" -> findExec(inner, args);
      case "eval" -> inner.script("eval", join(args, 0), true);
      case "ssh" -> ssh(inner, args);
      default -> Interpreters.expand(inner, name, args, invocation.redirects());
    }
  }

  private static void env(Inner inner, List<Word> args) {
    for (int i = 0; i < args.size(); i++) {
      String text = args.get(i).text();
      if ((text.equals("-S") || text.equals("--split-string")) && i + 1 < args.size()) {
        inner.script("env -S", args.get(i + 1), false);
        return;
      }
      if (text.startsWith("--split-string=")) {
        inner.script("env -S", new Word(text.substring(15), args.get(i).resolved()), false);
        return;
      }
    }
    int start = operand(args, 0, "uC", ENV_LONG);
    if (start < args.size() && args.get(start).text().equals("-")) {
      start++;
    }
    inner.command("env", args, start);
  }

  private static void suCommand(Inner inner, String name, List<Word> args) {
    for (int i = 0; i < args.size(); i++) {
      String text = args.get(i).text();
      if ((text.equals("-c") || text.equals("--command")) && i + 1 < args.size()) {
        inner.script(name + " -c", args.get(i + 1), false);
        return;
      }
      if (text.startsWith("--command=")) {
        inner.script(name + " -c", new Word(text.substring(10), args.get(i).resolved()), false);
        return;
      }
      if (text.equals("--") && name.equals("runuser")) {
        inner.command(name, args, i + 1);
        return;
      }
    }
  }

  private static void flock(Inner inner, List<Word> args) {
    int lockFile = operand(args, 0, "wEc", Set.of("--timeout", "--conflict-exit-code", "--command"));
    for (int i = 0; i < args.size(); i++) {
      if ((args.get(i).text().equals("-c") || args.get(i).text().equals("--command")) && i + 1 < args.size()) {
        inner.script("flock", args.get(i + 1), false);
        return;
      }
    }
    inner.command("flock", args, lockFile + 1);
  }

  private static void xargs(Inner inner, List<Word> args) {
    int start = operand(args, 0, "IinPLsdaE", XARGS_LONG);
    List<Word> words = new ArrayList<>(start < args.size() ? args.subList(start, args.size()) : List.of(
        Word.of("echo")));
    words.add(Word.unknown("{stdin}"));
    inner.words("xargs", words);
  }

  private static void parallel(Inner inner, List<Word> args) {
    int start = operand(args, 0, "jSNIaPdX", Set.of("--jobs", "--sshlogin", "--arg-file", "--delimiter"));
    List<Word> words = new ArrayList<>();
    for (int i = start; i < args.size() && !args.get(i).text().startsWith(":::"); i++) {
      words.add(args.get(i).text().contains("{") ? Word.unknown(args.get(i).text()) : args.get(i));
    }
    if (!words.isEmpty()) {
      words.add(Word.unknown("{}"));
      inner.words("parallel", words);
    }
  }

  private static void watch(Inner inner, List<Word> args) {
    int start = operand(args, 0, "n", Set.of("--interval"));
    if (hasFlag(args, "-x") || hasFlag(args, "--exec")) {
      inner.command("watch", args, start);
    } else if (start < args.size()) {
      inner.script("watch", join(args, start), false);
    }
  }

  private static void findExec(Inner inner, List<Word> args) {
    for (int i = 0; i < args.size(); i++) {
      String text = args.get(i).text();
      if (!text.equals("-exec") && !text.equals("-execdir") && !text.equals("-ok") && !text.equals("-okdir")) {
        continue;
      }
      List<Word> words = new ArrayList<>();
      int j = i + 1;
      for (; j < args.size(); j++) {
        String each = args.get(j).text();
        if (each.equals(";") || each.equals("+")) {
          break;
        }
        words.add(each.contains("{}") ? Word.unknown(each) : args.get(j));
      }
      inner.words("find " + text, words);
      i = j;
    }
  }

  private static void ssh(Inner inner, List<Word> args) {
    int host = operand(args, 0, "bcDEeFIiJLlmOoPpQRSWwB", NO_LONG);
    if (host + 1 < args.size()) {
      inner.script("ssh", join(args, host + 1), false);
    }
  }

  /** The index of the first operand after options; {@code withValue} lists short options taking a value. */
  static int operand(List<Word> args, int from, String withValue, Set<String> longWithValue) {
    int i = from;
    while (i < args.size()) {
      Word word = args.get(i);
      String text = word.text();
      if (!word.resolved() || text.length() < 2 || text.charAt(0) != '-') {
        return i;
      }
      if (text.equals("--")) {
        return i + 1;
      }
      if (text.startsWith("--")) {
        i += longWithValue.contains(text) ? 2 : 1;
        continue;
      }
      int step = 1;
      for (int j = 1; j < text.length(); j++) {
        if (withValue.indexOf(text.charAt(j)) >= 0) {
          step = j == text.length() - 1 ? 2 : 1;
          break;
        }
      }
      i += step;
    }
    return i;
  }

  static boolean hasFlag(List<Word> args, String flag) {
    for (Word arg : args) {
      if (arg.text().equals(flag)) {
        return true;
      }
    }
    return false;
  }

  /** Joins words with spaces (how {@code eval}, {@code ssh} and {@code watch} build their script). */
  static Word join(List<Word> args, int from) {
    StringBuilder text = new StringBuilder();
    boolean resolved = true;
    for (int i = from; i < args.size(); i++) {
      text.append(i > from ? " " : "").append(args.get(i).text());
      resolved &= args.get(i).resolved();
    }
    return new Word(text.toString(), resolved);
  }
}
