package dev.hotplex.policy;

import dev.hotplex.policy.CallContext.Resolved;
import dev.hotplex.policy.CallContext.Step;
import dev.hotplex.policy.PathEffect.Access;
import dev.hotplex.policy.shell.Invocation;
import dev.hotplex.policy.shell.Pipeline;
import dev.hotplex.policy.shell.Redirect;
import dev.hotplex.policy.shell.Word;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The named checks that data cannot express, used in policy files as {@code detector: NAME}. Each returns
 * evidence (what it found, for the reason) or null.
 */
final class Detectors {
  /** A named check over a prepared call. */
  @FunctionalInterface
  interface Detector {
    String detect(CallContext ctx);
  }

  private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish",
      "csh", "tcsh", "busybox");
  private static final Set<String> INTERPRETERS = Set.of("python", "python2", "python3", "perl", "ruby", "node",
      "php", "lua", "awk", "gawk", "Rscript", "deno", "bun");
  private static final Set<String> DOWNLOADERS = Set.of("curl", "wget", "fetch", "aria2c", "http", "https");
  private static final Set<String> NETCATS = Set.of("nc", "ncat", "netcat", "nc.traditional", "nc.openbsd");
  private static final Set<String> NETWORK_SOURCES = Set.of("nc", "ncat", "netcat", "telnet", "socat", "openssl");
  static final GuardedPattern SOCKET_SHELL = GuardedPattern.of("(?is)(socket|TCPSocket|fsockopen|net\\.connect"
      + "|/inet/tcp)(?=.*(connect|dup2|pty|spawn|exec|popen|subprocess|/bin/sh|/bin/bash|system|pipe))",
      "socket", "fsockopen", "net.connect", "/inet/tcp");
  static final GuardedPattern FORK_LOOP = GuardedPattern.of("(?is)fork\\s*while\\s*fork|(while|for|loop|until)"
      + "[^\\n]{0,60}fork\\s*\\(|fork\\s*\\(\\)\\s*while", "fork");
  /** {@code sh -xc}, {@code bash -lc}: short options ending in the one that takes the script. */
  private static final Pattern SCRIPT_OPTION_CLUSTER = Pattern.compile("-[a-z]*c");
  private static final Pattern SOCAT_RUNS_PROGRAM = Pattern.compile("(?s).*\\b(exec|system):.*");

  private static final Map<String, Detector> DETECTORS = new TreeMap<>(Map.ofEntries(
      Map.entry("fork-bomb", Detectors::forkBomb),
      Map.entry("unresolved-command", Detectors::unresolvedCommand),
      Map.entry("reverse-shell", Detectors::reverseShell),
      Map.entry("writes-outside-workspace", ctx -> outside(ctx, Access.WRITE)),
      Map.entry("deletes-outside-workspace", ctx -> outside(ctx, Access.DELETE)),
      Map.entry("links-outside-workspace", ctx -> outside(ctx, Access.LINK)),
      Map.entry("unresolved-path", Detectors::unresolvedPath),
      Map.entry("download-then-run", Detectors::downloadThenRun),
      Map.entry("reads-secret", Detectors::readsSecret),
      Map.entry("reads-outside-workspace", Detectors::readsOutside)));

  private Detectors() {}

  static Detector named(String name) {
    return DETECTORS.get(name);
  }

  static Set<String> names() {
    return DETECTORS.keySet();
  }

  private static String outside(CallContext ctx, Access access) {
    for (Step step : ctx.steps) {
      for (Resolved effect : step.effects()) {
        if (effect.access() == access && !effect.effect().heuristic() && effect.path() != null
            && !ctx.jail.writable(effect.path())) {
          return step.text() + " -> " + verb(access) + " " + effect.path() + " (workspace: "
              + ctx.jail.workspace() + ")";
        }
      }
    }
    return null;
  }

  private static String unresolvedPath(CallContext ctx) {
    for (Step step : ctx.steps) {
      for (Resolved effect : step.effects()) {
        if (effect.access() != Access.READ && !effect.effect().heuristic() && effect.path() == null) {
          return step.text() + " -> " + verb(effect.access()) + " '" + effect.effect().word().text()
              + "', which is only known when it runs";
        }
      }
    }
    return null;
  }

  private static String readsSecret(CallContext ctx) {
    for (Step step : ctx.steps) {
      for (Resolved effect : step.effects()) {
        if (effect.access() == Access.READ && effect.path() != null && ctx.jail.secret(effect.path())) {
          return step.text() + " -> " + effect.path();
        }
      }
    }
    return null;
  }

  private static String readsOutside(CallContext ctx) {
    for (Step step : ctx.steps) {
      for (Resolved effect : step.effects()) {
        if (effect.access() == Access.READ && !effect.effect().heuristic() && effect.path() != null
            && !ctx.jail.readable(effect.path())) {
          return step.text() + " -> read " + effect.path();
        }
      }
    }
    return null;
  }

  /**
   * A file downloaded earlier in the same command line is then run: {@code curl -o i.sh URL && sh i.sh},
   * {@code wget URL/x.sh; chmod +x x.sh; ./x.sh}. As unreviewed as {@code curl URL | sh}.
   */
  private static String downloadThenRun(CallContext ctx) {
    Set<Path> downloaded = new HashSet<>();
    for (Step step : ctx.steps) {
      if (step.name == null || step.invocation == null) {
        continue;
      }
      if (DOWNLOADERS.contains(step.name)) {
        for (Resolved effect : step.effects()) {
          if (effect.access() == Access.WRITE && effect.path() != null) {
            downloaded.add(effect.path().lexical());
          }
        }
        continue;
      }
      if (downloaded.isEmpty()) {
        continue;
      }
      Word script = runsScript(step.name) ? firstOperand(step.args()) : step.invocation.command();
      WorkspaceJail.ResolvedPath path = script == null || !script.text().contains("/") && !runsScript(step.name)
          ? null : ctx.resolve(script, step.cwd);
      if (path != null && downloaded.contains(path.lexical())) {
        return step.text() + " runs " + path.lexical() + ", downloaded by this command line";
      }
    }
    return null;
  }

  private static boolean runsScript(String name) {
    return SHELLS.contains(name) || INTERPRETERS.contains(name) || name.startsWith("python") || name.equals("source")
        || name.equals(".");
  }

  private static Word firstOperand(List<Word> args) {
    for (Word arg : args) {
      if (!arg.text().startsWith("-")) {
        return arg;
      }
    }
    return null;
  }

  private static String verb(Access access) {
    return access.name().toLowerCase(Locale.ROOT);
  }

  private static String forkBomb(CallContext ctx) {
    if (ctx.analysis == null) {
      return null;
    }
    for (Pipeline pipeline : ctx.analysis.pipelines()) {
      List<Invocation> stages = pipeline.stages();
      for (int i = 0; i + 1 < stages.size(); i++) {
        String name = stages.get(i).commandName();
        if (name != null && name.equals(stages.get(i + 1).commandName()) && definesFunction(ctx, name)) {
          return "function '" + name + "' pipes into itself";
        }
      }
    }
    for (Step step : ctx.steps) {
      String name = step.name;
      if (name != null && (INTERPRETERS.contains(name) || SHELLS.contains(name))) {
        for (Word word : step.args()) {
          if (FORK_LOOP.find(word.text())) {
            return name + " forks in a loop";
          }
        }
      }
      if (name != null && step.invocation.background() && definesFunction(ctx, name)
          && selfCall(ctx.analysis.source(), name)) {
        return "function '" + name + "' starts itself in the background";
      }
    }
    return null;
  }

  private static boolean definesFunction(CallContext ctx, String name) {
    String quoted = Pattern.quote(name);
    return Pattern.compile("(^|[\\s;&|({])(function\\s+" + quoted + "|" + quoted + "\\s*\\(\\s*\\))")
        .matcher(ctx.analysis.source()).find();
  }

  private static boolean selfCall(String source, String name) {
    String quoted = Pattern.quote(name);
    return Pattern.compile(quoted + "\\s*\\(\\s*\\)\\s*\\{[^}]*" + quoted + "[^}]*&").matcher(source).find();
  }

  private static String unresolvedCommand(CallContext ctx) {
    if (ctx.analysis == null) {
      return null;
    }
    if (!ctx.analysis.problems().isEmpty()) {
      return "the command could not be analysed: " + ctx.analysis.problems().get(0);
    }
    for (Step step : ctx.steps) {
      String name = step.name;
      Word command = step.invocation.command();
      if (name == null && command != null) {
        return "the command name '" + command.text() + "' is only known when it runs";
      }
      if (name == null) {
        continue;
      }
      List<Word> args = step.args();
      if (name.equals("eval") && anyUnresolved(args)) {
        return "eval of text that is only known when it runs";
      }
      if ((SHELLS.contains(name) || INTERPRETERS.contains(name) || name.startsWith("python")
          || name.equals("source") || name.equals(".")) && scriptUnresolved(args)) {
        return name + " runs a script that is only known when it runs";
      }
    }
    return null;
  }

  /** The script of {@code sh -c SCRIPT} / {@code python -c CODE}, or the script file operand, is dynamic. */
  private static boolean scriptUnresolved(List<Word> args) {
    for (int i = 0; i < args.size(); i++) {
      String text = args.get(i).text();
      if (text.equals("-c") || text.equals("-e") || text.equals("-r") || text.equals("--eval")
          || SCRIPT_OPTION_CLUSTER.matcher(text).matches()) {
        return i + 1 < args.size() && !args.get(i + 1).resolved();
      }
      if (!text.startsWith("-")) {
        return !args.get(i).resolved();
      }
    }
    return false;
  }

  private static String reverseShell(CallContext ctx) {
    if (ctx.analysis == null) {
      return null;
    }
    for (Step step : ctx.steps) {
      for (Redirect redirect : step.invocation.redirects()) {
        if (redirect.target() != null && namesNetworkDevice(redirect.target().text())) {
          return "redirection to " + redirect.target().text();
        }
      }
      String name = step.name;
      if (name == null) {
        continue;
      }
      List<Word> args = step.args();
      if (NETCATS.contains(name) && (RuleMatcher.hasFlag(args, "-e") || RuleMatcher.hasFlag(args, "-c")
          || args.stream().anyMatch(w -> w.text().startsWith("--exec") || w.text().startsWith("--sh-exec")
              || w.text().startsWith("--lua-exec")))) {
        return name + " executes a program for a network peer";
      }
      if (name.equals("socat") && args.stream().anyMatch(w -> SOCAT_RUNS_PROGRAM.matcher(
          w.text().toLowerCase(Locale.ROOT)).matches())) {
        return "socat connects a program to a socket";
      }
      if ((INTERPRETERS.contains(name) || name.startsWith("python") || SHELLS.contains(name))
          && opensSocketShell(args)) {
        return name + " one-liner opens a socket and attaches a shell";
      }
    }
    for (Pipeline pipeline : ctx.analysis.pipelines()) {
      List<Invocation> stages = pipeline.stages();
      for (int i = 0; i + 1 < stages.size(); i++) {
        if (NETWORK_SOURCES.contains(stages.get(i).commandName())) {
          for (int j = i + 1; j < stages.size(); j++) {
            if (stages.get(j).readsScriptFromStdin() || SHELLS.contains(stages.get(j).commandName())) {
              return stages.get(i).commandName() + " output is run by " + name(stages.get(j));
            }
          }
        }
      }
    }
    return null;
  }

  private static boolean opensSocketShell(List<Word> args) {
    for (Word arg : args) {
      if (SOCKET_SHELL.find(arg.text()) || namesNetworkDevice(arg.text())) {
        return true;
      }
    }
    return false;
  }

  /** Bash's {@code /dev/tcp/HOST/PORT} and {@code /dev/udp/...} pseudo-files open network connections. */
  private static boolean namesNetworkDevice(String text) {
    return text.contains("/dev/tcp/") || text.contains("/dev/udp/");
  }

  private static boolean anyUnresolved(List<Word> words) {
    for (Word word : words) {
      if (!word.resolved()) {
        return true;
      }
    }
    return false;
  }

  private static String name(Invocation invocation) {
    return invocation.commandName() == null ? "<dynamic command>" : invocation.commandName();
  }
}
