package dev.hotplex.policy;

import dev.hotplex.policy.PathEffect.Access;
import dev.hotplex.policy.WorkspaceJail.ResolvedPath;
import dev.hotplex.policy.shell.Invocation;
import dev.hotplex.policy.shell.ShellAnalysis;
import dev.hotplex.policy.shell.ShellAnalyzer;
import dev.hotplex.policy.shell.Word;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One tool call prepared for the rules: the shell analysis, each invocation with the directory it runs in
 * ({@code cd} is followed), and its path effects, each resolved through the file system once, when a rule first
 * needs it. File tools become one pseudo-invocation whose effects are the tool's paths.
 */
final class CallContext {
  private static final Pattern VARIABLE_PREFIX = Pattern.compile("^\\$\\{?(HOME|PWD)\\}?(?=/|$)");

  final ToolCall call;
  final WorkspaceJail jail;
  /** This decision's path resolutions, shared by every step. */
  final PathResolution paths;
  final ShellAnalysis analysis;
  /** One per invocation of the analysis (in its order), or the file tool's one pseudo-invocation. */
  final Step[] steps;

  /** One command as the rules see it. */
  static final class Step {
    final Invocation invocation;
    /** The command's basename, or null (see {@link Invocation#commandName()}); every rule asks, so it is kept. */
    final String name;
    final Path cwd;
    final CallContext context;
    private final List<Word> args;
    private final List<PathEffect> rawEffects;
    private List<Resolved> effects;
    private List<String> hosts;

    Step(CallContext context, Invocation invocation, Path cwd, List<PathEffect> rawEffects) {
      this.context = context;
      this.invocation = invocation;
      this.name = invocation == null ? null : invocation.commandName();
      this.args = invocation == null ? List.of() : invocation.args();
      this.cwd = cwd;
      this.rawEffects = rawEffects;
    }

    List<Word> args() {
      return args;
    }

    /** The URL hosts the command names (see {@link Urls#hosts}), found on first use. */
    List<String> hosts() {
      if (hosts == null) {
        hosts = Urls.hosts(this);
      }
      return hosts;
    }

    /** The effects, each with where its path resolves (see {@link Resolved#path()}). */
    List<Resolved> effects() {
      if (effects == null) {
        List<Resolved> list = new ArrayList<>(rawEffects.size());
        for (PathEffect effect : rawEffects) {
          String text = pathText(effect.word(), cwd);
          Path absolute = text == null ? null : context.paths.absolute(text, cwd);
          Resolved resolved = new Resolved(effect, text, absolute, context.paths);
          list.add(resolved);
          // reads are expanded to catch secrets; writes only where the pattern itself is outside the jail
          if (absolute != null && GlobExpansion.hasWildcards(absolute.toString())
              && (effect.access() == Access.READ || !context.jail.writable(resolved.path()))) {
            for (Path match : GlobExpansion.expand(absolute.normalize())) {
              list.add(new Resolved(effect, match.toString(), match, context.paths));
            }
          }
        }
        effects = list;
      }
      return effects;
    }

    String text() {
      if (invocation == null) {
        return context.call.toolName() + " " + String.join(" ", context.call.paths());
      }
      StringBuilder sb = new StringBuilder();
      for (Word word : invocation.words()) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(word.text());
      }
      return sb.length() > 200 ? sb.substring(0, 200) + "..." : sb.toString();
    }
  }

  /**
   * A path effect and where it resolves. The file system is asked only when a rule first needs the path, so that a
   * call denied by an early rule (say a delete of {@code /*}) does not resolve the rest of its paths.
   */
  static final class Resolved {
    private final PathEffect effect;
    private final String text;
    private final Path absolute;
    private final PathResolution paths;
    private ResolvedPath path;
    private boolean looked;

    /**
     * @param text the path as the shell will see it
     * @param absolute its absolute form as written (see {@link PathResolution#absolute}), or null when it is only
     *     known at run time
     */
    Resolved(PathEffect effect, String text, Path absolute, PathResolution paths) {
      this.effect = effect;
      this.text = text;
      this.absolute = absolute;
      this.paths = paths;
    }

    PathEffect effect() {
      return effect;
    }

    Access access() {
      return effect.access();
    }

    /** Where the path resolves now; null when it is not statically known. */
    ResolvedPath path() {
      if (!looked) {
        path = absolute == null ? null : paths.resolved(text, absolute);
        looked = true;
      }
      return path;
    }
  }

  CallContext(ToolCall call, WorkspaceJail jail) {
    this.call = call;
    this.jail = jail;
    this.paths = new PathResolution(jail);
    Path cwd = call.cwd() == null ? jail.workspace() : call.cwd().toAbsolutePath().normalize();
    if (call.kind() == ToolKind.SHELL && call.command() != null) {
      this.analysis = ShellAnalyzer.analyze(call.command());
      List<Invocation> invocations = analysis.invocations();
      this.steps = new Step[invocations.size()];
      for (int i = 0; i < steps.length; i++) {
        Invocation invocation = invocations.get(i);
        steps[i] = new Step(this, invocation, cwd, CommandEffects.of(invocation));
        if ("cd".equals(steps[i].name) || "pushd".equals(steps[i].name)) {
          cwd = changeDirectory(invocation, cwd);
        }
      }
    } else {
      this.analysis = null;
      this.steps = new Step[] {new Step(this, null, cwd, fileEffects(call))};
    }
  }

  /** Where {@code cd} goes: the target as written, which needs no file system (its effects are resolved later). */
  private Path changeDirectory(Invocation cd, Path cwd) {
    List<Word> ops = new Args(cd.args()).operands();
    if (ops.isEmpty()) {
      return jail.home();
    }
    String text = pathText(ops.get(0), cwd);
    return text == null ? null : paths.lexical(text, cwd);
  }

  private static List<PathEffect> fileEffects(ToolCall call) {
    Access access = switch (call.kind()) {
      case WRITE, EDIT -> Access.WRITE;
      case READ, SEARCH -> Access.READ;
      default -> null;
    };
    if (access == null) {
      return List.of();
    }
    List<PathEffect> effects = new ArrayList<>();
    for (String path : call.paths()) {
      effects.add(new PathEffect(access, new Word(path, true), false));
    }
    return effects;
  }

  /** Resolves a path word; {@code $HOME} and {@code $PWD} prefixes are known, other expansions are not. */
  ResolvedPath resolve(Word word, Path cwd) {
    String text = pathText(word, cwd);
    return text == null ? null : paths.resolve(text, cwd);
  }

  /** The text of a path word as the shell will use it, or null when it is only known at run time. */
  private static String pathText(Word word, Path cwd) {
    String text = word.text();
    if (!word.resolved()) {
      text = text.replace("\"", "");
      var m = VARIABLE_PREFIX.matcher(text);
      if (!m.find()) {
        return null;
      }
      String rest = text.substring(m.end());
      if (rest.indexOf('$') >= 0 || rest.indexOf('`') >= 0) {
        return null;
      }
      if (m.group(1).equals("HOME")) {
        text = "~" + rest;
      } else if (cwd == null) {
        return null;
      } else {
        text = cwd + rest;
      }
    }
    return text.isEmpty() ? null : text;
  }
}
