package dev.hotplex.policy;

import dev.hotplex.policy.PathEffect.Access;
import dev.hotplex.policy.shell.Invocation;
import dev.hotplex.policy.shell.Redirect;
import dev.hotplex.policy.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table of which arguments of which commands are read, written or deleted, plus redirections. Commands not in
 * the table contribute only heuristic effects: words that look like paths, checked for secrets.
 */
final class CommandEffects {
  private static final Set<String> DELETERS = Set.of("rm", "rmdir", "shred", "unlink", "srm");
  private static final Set<String> WRITERS = Set.of("touch", "mkdir", "truncate", "tee", "mkfifo", "mknod",
      "setfacl", "fallocate");
  private static final Set<String> MODE_THEN_FILES = Set.of("chmod", "chown", "chgrp", "chattr");
  private static final Set<String> COPIERS = Set.of("cp", "install", "rsync", "scp", "ln");
  private static final Set<String> COMPRESSORS = Set.of("gzip", "gunzip", "bzip2", "bunzip2", "xz", "unxz",
      "lzma", "compress");
  private static final Set<String> PATTERN_FIRST = Set.of("grep", "egrep", "fgrep", "rg", "ag", "ack", "awk",
      "gawk", "mawk", "jq", "yq", "sed");
  private static final Set<String> READERS = Set.of("cat", "tac", "head", "tail", "less", "more", "nl", "wc",
      "sort", "uniq", "cut", "paste", "strings", "od", "xxd", "hexdump", "base64", "base32", "md5sum", "sha1sum",
      "sha256sum", "sha512sum", "cksum", "file", "stat", "ls", "du", "diff", "cmp", "comm", "iconv", "column",
      "fold", "fmt", "rev", "source", ".", "vi", "vim", "nano", "view", "bat", "tree", "realpath", "readlink",
      "openssl", "gpg", "zcat", "bzcat", "xzcat", "zless", "unzip", "tar", "zip");
  private static final Set<String> INTERPRETERS = Set.of("python", "python2", "python3", "perl", "ruby", "node",
      "php", "lua", "Rscript");
  private static final Set<String> DELETING_EXEC = Set.of("rm", "shred", "unlink", "rmdir", "mv");
  private static final Set<String> MODIFYING_EXEC = Set.of("chmod", "chown", "chgrp", "chattr", "touch",
      "truncate", "sed", "perl", "tee", "dd", "setfacl");
  /**
   * Absolute or home paths inside interpreter code: {@code open("/etc/x")}, {@code rmtree('~/y')}: a {@code /} or
   * {@code ~} at the start or after a quote, blank, {@code (}, {@code ,} or {@code =}. The slash or tilde comes first
   * so that the regex engine looks behind only where one is, not at every character of the code.
   */
  static final Pattern PATH_IN_CODE = Pattern.compile("[~/](?<![^'\"\\s(,=][~/])[A-Za-z0-9_.@+\\-/]*");
  static final GuardedPattern DELETE_IN_CODE = GuardedPattern.of("rmtree|unlink|\\bremove\\(|rmdir|rm_rf|rimraf"
      + "|rmSync|\\brm\\s+-|\\brm\\s+/", "rm", "unlink", "remove(", "rimraf");
  static final GuardedPattern WRITE_IN_CODE = GuardedPattern.of("open\\([^)]*['\"][wa]|write_text|write_bytes"
      + "|writeFile|appendFile|>>?\\s*/", "open(", "write_", "writeFile", "appendFile", ">");

  /** An awk program that runs commands: {@code system("...")} or pipes to or from one. */
  private static final Pattern AWK_RUNS = Pattern.compile("system\\s*\\(|\\|\\s*\"|\"\\s*\\|\\s*getline|\\|&");
  /** The target of {@code 2>&1} or {@code >&-}: a descriptor, not a file. */
  private static final Pattern DESCRIPTOR_OR_CLOSE = Pattern.compile("-|[0-9]+");
  /** {@code sed -i}, {@code perl -pi.bak}: an option cluster with {@code i} (in place). */
  private static final Pattern IN_PLACE_OPTION = Pattern.compile("-[A-Za-z]*i.*");
  private static final Pattern EXTRACT_OPTION = Pattern.compile("-[A-Za-z]*x[A-Za-z]*");
  private static final Pattern LETTERS = Pattern.compile("[A-Za-z]+");

  private CommandEffects() {}

  /** Every path effect of one invocation: its arguments and its redirections. */
  static List<PathEffect> of(Invocation invocation) {
    List<PathEffect> effects = new ArrayList<>();
    for (Redirect redirect : invocation.redirects()) {
      addRedirect(redirect, effects);
    }
    String name = invocation.commandName();
    if (name == null) {
      return effects;
    }
    List<String> chain = invocation.wrapperChain();
    if (insideXargs(chain)) {
      xargsInput(name, effects);
    }
    collect(name, invocation, effects);
    if (!chain.isEmpty() && chain.get(chain.size() - 1).startsWith("find ")) {
      // {} stands for the files find found; find's own roots carry the effect (see find below)
      effects.removeIf(e -> e.word().text().contains("{}"));
    }
    return effects;
  }

  private static void collect(String name, Invocation invocation, List<PathEffect> effects) {
    Args args = new Args(invocation.args());
    List<Word> ops = args.operands();
    if (DELETERS.contains(name)) {
      args.addAll(ops, Access.DELETE, effects);
    } else if (WRITERS.contains(name)) {
      args.addAll(ops, Access.WRITE, effects);
    } else if (MODE_THEN_FILES.contains(name)) {
      args.addAll(ops.subList(Math.min(1, ops.size()), ops.size()), Access.WRITE, effects);
    } else if (name.equals("mv")) {
      copy(args, ops, Access.DELETE, effects);
    } else if (name.equals("ln") && (args.has("--symbolic") || RuleMatcher.hasFlag(args.words(), "-s"))) {
      copy(args, ops, Access.LINK, effects);
    } else if (COPIERS.contains(name)) {
      copy(args, ops, name.equals("rsync") && args.has("--delete") ? Access.DELETE : Access.READ, effects);
    } else if (COMPRESSORS.contains(name)) {
      boolean keeps = args.has("-c", "--stdout", "-k", "--keep", "-l", "--list", "-t", "--test");
      args.addAll(ops, keeps ? Access.READ : Access.DELETE, effects);
    } else if (name.equals("dd")) {
      dd(ops, effects);
    } else {
      special(name, args, ops, effects);
    }
  }

  private static boolean insideXargs(List<String> chain) {
    for (String wrapper : chain) {
      if (wrapper.equals("xargs") || wrapper.startsWith("xargs ")) {
        return true;
      }
    }
    return false;
  }

  /** {@code xargs rm} deletes paths that arrive on stdin: unknown before it runs. */
  private static void xargsInput(String name, List<PathEffect> effects) {
    Access access = DELETERS.contains(name) || name.equals("mv") ? Access.DELETE
        : WRITERS.contains(name) || MODE_THEN_FILES.contains(name) || COPIERS.contains(name) ? Access.WRITE : null;
    if (access != null) {
      effects.add(new PathEffect(access, new Word("<paths read by xargs>", false), false));
    }
  }

  private static void special(String name, Args args, List<Word> ops, List<PathEffect> effects) {
    switch (name) {
      case "find" -> find(args, effects);
      case "tar" -> tar(args, effects);
      case "unzip" -> {
        args.addValues(effects, Access.WRITE, "-d");
        args.addAll(ops.subList(0, Math.min(1, ops.size())), Access.READ, effects);
      }
      case "zip" -> {
        args.addAll(ops.subList(0, Math.min(1, ops.size())), Access.WRITE, effects);
        args.addAll(ops.subList(Math.min(1, ops.size()), ops.size()), Access.READ, effects);
      }
      case "curl" -> curl(args, effects);
      case "wget" -> {
        if (!args.has("-O", "--output-document") && args.words().stream().noneMatch(w -> w.text().startsWith("-O"))) {
          remoteNames(args, effects);
        }
        args.addValues(effects, Access.WRITE, "-O", "--output-document", "-P", "--directory-prefix", "-o",
            "--output-file", "-a", "--append-output");
        args.addValues(effects, Access.READ, "--post-file", "--body-file", "-i", "--input-file");
      }
      case "git" -> GitEffects.collect(args.words(), effects);
      case "make", "gmake" -> {
        // make -C DIR builds (and cleans) in DIR; each -C is relative to the one before
        Word dir = null;
        for (Word each : args.valuesOf("-C", "--directory")) {
          dir = dir == null ? each : Args.inDirectory(dir, each);
        }
        if (dir != null) {
          effects.add(new PathEffect(Access.WRITE, dir, false));
        }
      }
      case "sort" -> {
        args.addValues(effects, Access.WRITE, "-o", "--output");
        args.addAll(ops, Access.READ, effects);
      }
      case "perl" -> {
        if (args.words().stream().anyMatch(w -> IN_PLACE_OPTION.matcher(w.text()).matches()
            && !w.text().startsWith("--"))) {
          // perl -pi -e CODE FILES edits the files in place
          Word code = args.valueOf("-e", "-E");
          args.addAll(ops.stream().filter(w -> w != code).toList(), Access.WRITE, effects);
        } else {
          heuristic(name, args, effects);
        }
      }
      default -> {
        if (PATTERN_FIRST.contains(name)) {
          patternFirst(name, args, ops, effects);
        } else if (READERS.contains(name)) {
          args.addAll(ops, Access.READ, effects);
        } else {
          heuristic(name, args, effects);
        }
      }
    }
  }

  private static void addRedirect(Redirect redirect, List<PathEffect> effects) {
    String op = redirect.operator();
    Word target = redirect.target();
    if (target == null || op.contains("<<")) {
      return;
    }
    if ((op.endsWith("&") || op.startsWith("<&") || op.startsWith(">&"))
        && DESCRIPTOR_OR_CLOSE.matcher(target.text()).matches()) {
      return;
    }
    boolean writes = op.contains(">");
    effects.add(new PathEffect(writes ? Access.WRITE : Access.READ, target, false));
  }

  private static void copy(Args args, List<Word> ops, Access sourceAccess, List<PathEffect> effects) {
    List<Word> local = ops.stream().filter(w -> !isRemote(w)).toList();
    Word targetDir = args.valueOf("-t", "--target-directory");
    if (targetDir != null) {
      effects.add(new PathEffect(Access.WRITE, targetDir, false));
      args.addAll(local, sourceAccess, effects);
      return;
    }
    if (ops.size() < 2) {
      if (sourceAccess == Access.LINK) {
        // ln -s TARGET creates ./basename(TARGET) pointing at TARGET
        args.addAll(ops, Access.LINK, effects);
      }
      return;
    }
    Word dest = ops.get(ops.size() - 1);
    if (!isRemote(dest)) {
      effects.add(new PathEffect(Access.WRITE, dest, false));
    }
    List<Word> sources = local.subList(0, isRemote(dest) ? local.size() : local.size() - 1);
    args.addAll(sources, sourceAccess, effects);
  }

  private static boolean isRemote(Word word) {
    String text = word.text();
    int colon = text.indexOf(':');
    int slash = text.indexOf('/');
    return colon > 0 && (slash < 0 || colon < slash) || text.startsWith("rsync://");
  }

  private static void dd(List<Word> ops, List<PathEffect> effects) {
    for (Word op : ops) {
      String text = op.text();
      if (text.startsWith("of=")) {
        effects.add(new PathEffect(Access.WRITE, new Word(text.substring(3), op.resolved()), false));
      } else if (text.startsWith("if=")) {
        effects.add(new PathEffect(Access.READ, new Word(text.substring(3), op.resolved()), false));
      }
    }
  }

  private static void find(Args args, List<PathEffect> effects) {
    List<Word> roots = new ArrayList<>();
    boolean deletes = false;
    boolean modifies = false;
    boolean inExpression = false;
    List<Word> words = args.words();
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      if (!inExpression && !text.startsWith("-") && !text.equals("(") && !text.equals("!")) {
        roots.add(words.get(i));
        continue;
      }
      inExpression = true;
      if (text.equals("-delete")) {
        deletes = true;
      } else if (text.startsWith("-exec") || text.startsWith("-ok")) {
        String command = i + 1 < words.size() ? words.get(i + 1).text() : "";
        String base = command.substring(command.lastIndexOf('/') + 1);
        deletes |= DELETING_EXEC.contains(base);
        modifies |= MODIFYING_EXEC.contains(base);
      }
    }
    if (roots.isEmpty()) {
      roots.add(new Word(".", true));
    }
    args.addAll(roots, deletes ? Access.DELETE : modifies ? Access.WRITE : Access.READ, effects);
  }

  private static void tar(Args args, List<PathEffect> effects) {
    List<Word> words = args.words();
    String first = words.isEmpty() ? "" : words.get(0).text();
    String letters = first.startsWith("--") ? "" : first.replace("-", "");
    boolean extract = args.has("--extract", "--get") || (LETTERS.matcher(letters).matches() && letters.contains("x"));
    for (Word word : words) {
      extract |= EXTRACT_OPTION.matcher(word.text()).matches();
    }
    args.addValues(effects, extract ? Access.WRITE : Access.READ, "-C", "--directory");
    Word archive = args.valueOf("-f", "--file");
    if (archive == null && letters.endsWith("f") && words.size() > 1) {
      archive = words.get(1);
    }
    if (archive != null && !archive.text().equals("-")) {
      effects.add(new PathEffect(extract ? Access.READ : Access.WRITE, archive, false));
    }
    if (!extract) {
      List<Word> ops = args.operands();
      args.addAll(ops.subList(Math.min(first.startsWith("-") ? 0 : 1, ops.size()), ops.size()), Access.READ, effects);
    }
  }

  /** {@code curl -O URL} and plain {@code wget URL} save to the URL's file name in the working directory. */
  private static void remoteNames(Args args, List<PathEffect> effects) {
    for (Word word : args.words()) {
      String url = word.text();
      int scheme = url.indexOf("://");
      if (scheme < 0) {
        continue;
      }
      int end = url.length();
      for (char stop : new char[] {'?', '#'}) {
        int at = url.indexOf(stop);
        end = at >= 0 ? Math.min(end, at) : end;
      }
      String path = url.substring(scheme + 3, end);
      int slash = path.lastIndexOf('/');
      String fileName = slash < 0 ? "" : path.substring(slash + 1);
      if (!fileName.isEmpty()) {
        effects.add(new PathEffect(Access.WRITE, new Word(fileName, word.resolved()), false));
      }
    }
  }

  private static void curl(Args args, List<PathEffect> effects) {
    if (args.has("--remote-name", "--remote-name-all") || RuleMatcher.hasFlag(args.words(), "-O")) {
      remoteNames(args, effects);
    }
    args.addValues(effects, Access.WRITE, "-o", "--output", "-c", "--cookie-jar", "-D", "--dump-header");
    args.addValues(effects, Access.READ, "-T", "--upload-file", "-K", "--config");
    for (Word data : args.valuesOf("-d", "--data", "--data-binary", "--data-ascii", "--data-urlencode",
        "-F", "--form", "--json")) {
      String text = data.text();
      int at = text.indexOf('@');
      if (at >= 0 && (at == 0 || text.charAt(at - 1) == '=')) {
        int end = text.indexOf(';', at);
        String file = text.substring(at + 1, end < 0 ? text.length() : end);
        if (!file.isEmpty() && !file.equals("-")) {
          effects.add(new PathEffect(Access.READ, new Word(file, data.resolved()), false));
        }
      }
    }
  }

  private static void patternFirst(String name, Args args, List<Word> ops, List<PathEffect> effects) {
    boolean scriptGiven = args.has("-e", "-f", "--regexp", "--file", "--expression", "--from-file");
    List<Word> files = scriptGiven ? ops : ops.subList(Math.min(1, ops.size()), ops.size());
    if (name.contains("awk") && !scriptGiven && !ops.isEmpty() && AWK_RUNS.matcher(ops.get(0).text()).find()) {
      codePaths(ops.get(0).text(), effects);
    }
    boolean inPlace = name.equals("sed") && args.words().stream().map(Word::text)
        .anyMatch(t -> t.equals("-i") || t.startsWith("--in-place") || IN_PLACE_OPTION.matcher(t).matches()
            && !t.startsWith("--"));
    args.addAll(files, inPlace ? Access.WRITE : Access.READ, effects);
  }

  private static void heuristic(String name, Args args, List<PathEffect> effects) {
    boolean interpreter = INTERPRETERS.contains(name) || name.startsWith("python");
    for (Word word : args.words()) {
      String text = word.text();
      int eq = text.startsWith("-") ? text.indexOf('=') : -1;
      String value = eq > 0 ? text.substring(eq + 1) : text;
      if (looksLikePath(value)) {
        effects.add(new PathEffect(Access.READ, new Word(value, word.resolved()), true));
      } else if (interpreter && value.length() > 2) {
        codePaths(value, effects);
      }
    }
  }

  /**
   * Paths named in interpreter code. Code that deletes or writes makes them real (jailed) effects; otherwise
   * they are heuristic reads, checked for secrets only.
   */
  private static void codePaths(String code, List<PathEffect> effects) {
    if (code.indexOf('/') < 0 && code.indexOf('~') < 0) {
      return; // every path PATH_IN_CODE finds starts with one of them
    }
    Matcher m = PATH_IN_CODE.matcher(code);
    if (!m.find()) {
      return;
    }
    boolean deletes = DELETE_IN_CODE.find(code);
    boolean writes = !deletes && WRITE_IN_CODE.find(code);
    do {
      Word path = new Word(m.group(), true);
      if (deletes) {
        effects.add(new PathEffect(Access.DELETE, path, false));
      } else if (writes) {
        effects.add(new PathEffect(Access.WRITE, path, false));
      } else {
        effects.add(new PathEffect(Access.READ, path, true));
      }
    } while (m.find());
  }

  private static boolean looksLikePath(String text) {
    return !text.isEmpty() && text.indexOf(' ') < 0 && !text.contains("://")
        && (text.startsWith("/") || text.startsWith("~") || text.startsWith("./") || text.startsWith("../"));
  }
}
