package dev.hotplex.policy;

import dev.hotplex.policy.CallContext.Resolved;
import dev.hotplex.policy.CallContext.Step;
import dev.hotplex.policy.PathEffect.Access;
import dev.hotplex.policy.PolicySpec.MatchSpec;
import dev.hotplex.policy.shell.Invocation;
import dev.hotplex.policy.shell.Redirect;
import dev.hotplex.policy.shell.Word;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * One compiled {@code match} alternative. Call-level conditions ({@code tools}, {@code detector},
 * {@code pipeline}, {@code substitution}) must hold for the call; the other conditions must all hold for one
 * command of it. {@link #match} returns evidence for the reason, or null.
 */
final class RuleMatcher {
  /** Global options that take a value, skipped when looking for a subcommand ({@code git -C dir push}). */
  private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-C", "-c", "--git-dir", "--work-tree", "-H",
      "--host", "--context", "--prefix", "-w", "--workspace", "--namespace", "-n", "--config", "--log-level");

  private final Set<String> toolNames;
  private final Set<ToolKind> toolKinds;
  private final Glob.NameSet commands;
  private final Set<String> exactCommands;
  private final Glob.NameSet subcommands;
  private final List<String> flags;
  private final List<String> unlessFlags;
  private final List<TextPattern> args;
  private final List<TextPattern> lastArg;
  private final Boolean noArgs;
  private final Glob.NameSet wrappers;
  private final List<TextPattern> redirects;
  private final EnumSet<Access> pathAccess;
  private final PathGlob.Group paths;
  private final Glob.NameSet urlHosts;
  private final Glob.NameSet unlessUrlHosts;
  private final Flow pipeline;
  private final Flow substitution;
  private final Detectors.Detector detector;
  private final String detectorName;
  private final boolean perStep;

  RuleMatcher(MatchSpec spec) {
    toolNames = new java.util.HashSet<>();
    toolKinds = EnumSet.noneOf(ToolKind.class);
    List<String> tools = list(spec.tools());
    for (int i = 0; i < tools.size(); i++) {
      String tool = tools.get(i);
      try {
        toolKinds.add(ToolKind.valueOf(tool.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException notAKind) {
        if (!Character.isUpperCase(tool.charAt(0)) && !tool.startsWith("mcp__")) {
          // lower case names are kinds; a lower case non-kind is most likely a typo
          throw new SpecError("/tools/" + i, "unknown tool kind '" + tool + "'; kinds are "
              + List.of(ToolKind.values()).toString().toLowerCase(Locale.ROOT)
              + ", tool names start with a capital letter (Bash, WebFetch) or mcp__");
        }
        toolNames.add(tool.toLowerCase(Locale.ROOT));
      }
    }
    commands = names(spec.commands(), "/commands");
    exactCommands = spec.commands() != null && spec.commands().stream().noneMatch(Glob::isGlob)
        ? Set.copyOf(spec.commands()) : null;
    subcommands = names(spec.subcommands(), "/subcommands");
    flags = checkFlags(spec.flags(), "/flags");
    unlessFlags = checkFlags(spec.unlessFlags(), "/unlessFlags");
    List<TextPattern> argPatterns = new ArrayList<>(compileEach(spec.args(), "/args", TextPattern::glob));
    argPatterns.addAll(compileEach(spec.argsRegex(), "/argsRegex", TextPattern::regex));
    args = argPatterns;
    lastArg = compileEach(spec.lastArgRegex(), "/lastArgRegex", TextPattern::regex);
    noArgs = spec.noArgs();
    wrappers = names(spec.wrappers(), "/wrappers");
    redirects = compileEach(spec.redirects(), "/redirects", TextPattern::glob);
    pathAccess = EnumSet.noneOf(Access.class);
    paths = new PathGlob.Group(spec.paths() == null ? List.of() : compilePaths(spec.paths()));
    urlHosts = names(lower(spec.urlHosts()), "/urlHosts");
    unlessUrlHosts = names(lower(spec.unlessUrlHosts()), "/unlessUrlHosts");
    pipeline = Flow.compile(spec.pipeline(), "/pipeline");
    substitution = Flow.compile(spec.substitution(), "/substitution");
    detectorName = spec.detector();
    detector = detectorName == null ? null : Detectors.named(detectorName);
    if (detectorName != null && detector == null) {
      throw new SpecError("/detector", "unknown detector '" + detectorName + "'; known detectors: "
          + Detectors.names());
    }
    perStep = commands != null || subcommands != null || flags != null || unlessFlags != null
        || !args.isEmpty() || !lastArg.isEmpty() || noArgs != null || wrappers != null || !redirects.isEmpty()
        || spec.paths() != null || urlHosts != null || unlessUrlHosts != null;
    if (!perStep && toolNames.isEmpty() && toolKinds.isEmpty() && detector == null && pipeline == null
        && substitution == null) {
      throw new SpecError("", "match has no conditions; it would match every call. Give at least one of tools,"
          + " commands, args, paths, pipeline, detector, ...");
    }
  }

  /** The command names this matcher needs (exact names only), or null when it may match without them. */
  Set<String> requiredCommands() {
    return exactCommands;
  }

  String match(CallContext ctx) {
    if ((!toolNames.isEmpty() || !toolKinds.isEmpty()) && !toolKinds.contains(ctx.call.kind())
        && !toolNames.contains(ctx.call.toolName().toLowerCase(Locale.ROOT))) {
      return null;
    }
    String evidence = null;
    if (detector != null && (evidence = detector.detect(ctx)) == null) {
      return null;
    }
    if (pipeline != null && (evidence = pipeline.throughPipe(ctx)) == null) {
      return null;
    }
    if (substitution != null && (evidence = substitution.throughSubstitution(ctx)) == null) {
      return null;
    }
    if (!perStep) {
      return evidence != null ? evidence : ctx.call.toolName();
    }
    for (Step step : ctx.steps) {
      String found = matchStep(step);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private String matchStep(Step step) {
    if (commands != null && !commands.contains(step.name)) {
      return null;
    }
    if (wrappers != null && (step.invocation == null || !insideWrapper(step.invocation))) {
      return null;
    }
    List<Word> words = step.args();
    if (noArgs != null && noArgs != words.isEmpty()) {
      return null;
    }
    if (subcommands != null && !subcommands.contains(subcommand(words))) {
      return null;
    }
    if (flags != null && !hasAnyFlag(words, flags)) {
      return null;
    }
    if (unlessFlags != null && hasAnyFlag(words, unlessFlags)) {
      return null;
    }
    if (!args.isEmpty() && !anyWordFinds(args, words)) {
      return null;
    }
    if (!lastArg.isEmpty() && (words.isEmpty() || !anyFinds(lastArg, words.get(words.size() - 1).text()))) {
      return null;
    }
    if (!redirects.isEmpty() && (step.invocation == null || !anyRedirectFinds(step.invocation))) {
      return null;
    }
    if ((urlHosts != null || unlessUrlHosts != null) && !hostsMatch(step)) {
      return null;
    }
    if (!paths.isEmpty() || !pathAccess.isEmpty()) {
      return pathEvidence(step);
    }
    return step.text();
  }

  private String pathEvidence(Step step) {
    for (Resolved effect : step.effects()) {
      // the cheap tests first: path() may ask the file system
      if (pathAccess.contains(effect.access()) && !effect.effect().heuristic() && effect.path() != null
          && (paths.isEmpty() || step.context.jail.matches(paths, effect.path()))) {
        return step.text() + " -> " + effect.access().name().toLowerCase(Locale.ROOT) + " " + effect.path();
      }
    }
    return null;
  }

  private boolean hostsMatch(Step step) {
    List<String> hosts = step.hosts();
    if (hosts.isEmpty()) {
      return false;
    }
    if (unlessUrlHosts != null && hosts.stream().allMatch(unlessUrlHosts::contains)) {
      return false;
    }
    return urlHosts == null || hosts.stream().anyMatch(urlHosts::contains);
  }

  private boolean insideWrapper(Invocation invocation) {
    for (String entry : invocation.wrapperChain()) {
      if (wrappers.contains(wrapperName(entry))) {
        return true;
      }
    }
    return false;
  }

  private boolean anyRedirectFinds(Invocation invocation) {
    for (Redirect redirect : invocation.redirects()) {
      if (redirect.target() != null && anyFinds(redirects, redirect.target().text())) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasAnyFlag(List<Word> words, List<String> flags) {
    for (String flag : flags) {
      if (hasFlag(words, flag)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyWordFinds(List<TextPattern> patterns, List<Word> words) {
    for (Word word : words) {
      if (anyFinds(patterns, word.text())) {
        return true;
      }
    }
    return false;
  }

  /** A wrapper chain entry is the wrapper as written, e.g. {@code bash -c}; rules name its command. */
  private static String wrapperName(String entry) {
    int space = entry.indexOf(' ');
    return space < 0 ? entry : entry.substring(0, space);
  }

  /** The first operand, skipping global options and their values. */
  static String subcommand(List<Word> words) {
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      if (OPTIONS_WITH_VALUE.contains(text)) {
        i++;
      } else if (!text.startsWith("-")) {
        return text;
      }
    }
    return null;
  }

  /** {@code -r} is present as {@code -r} or inside {@code -rf}; {@code --force} as itself or {@code --force=x}. */
  static boolean hasFlag(List<Word> words, String flag) {
    boolean shortLetter = flag.length() == 2 && Character.isLetter(flag.charAt(1));
    for (Word word : words) {
      String text = word.text();
      if (text.equals("--")) {
        return false;
      }
      if (text.equals(flag) || flag.startsWith("--") && Args.isLongWithValue(text, flag)) {
        return true;
      }
      if (shortLetter && text.length() > 2 && text.charAt(1) != '-' && Args.isLetterCluster(text)
          && text.indexOf(flag.charAt(1)) > 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyFinds(List<TextPattern> patterns, String text) {
    for (TextPattern pattern : patterns) {
      if (pattern.test(text)) {
        return true;
      }
    }
    return false;
  }

  private List<PathGlob> compilePaths(PolicySpec.PathsSpec spec) {
    for (String access : list(spec.access())) {
      try {
        pathAccess.add(Access.valueOf(access.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new SpecError("/paths/access", "path access must be read, write or delete, not '" + access + "'");
      }
    }
    if (pathAccess.isEmpty()) {
      pathAccess.addAll(EnumSet.allOf(Access.class));
    }
    return compileEach(spec.match(), "/paths/match", PathGlob::compile);
  }

  static Glob.NameSet names(List<String> names, String pointer) {
    if (names == null) {
      return null;
    }
    compileEach(names, pointer, n -> Glob.compile(n, false));
    return new Glob.NameSet(names);
  }

  private static List<String> checkFlags(List<String> flags, String pointer) {
    if (flags == null) {
      return null;
    }
    for (int i = 0; i < flags.size(); i++) {
      if (!flags.get(i).startsWith("-")) {
        throw new SpecError(pointer + "/" + i, "flag '" + flags.get(i) + "' must start with '-'; use args for"
            + " other words");
      }
    }
    return List.copyOf(flags);
  }

  private static <T> List<T> compileEach(List<String> items, String pointer, Function<String, T> compiler) {
    List<T> compiled = new ArrayList<>();
    for (int i = 0; i < list(items).size(); i++) {
      try {
        compiled.add(compiler.apply(items.get(i)));
      } catch (IllegalArgumentException e) {
        throw new SpecError(pointer + "/" + i, e.getMessage().replace('\n', ' '));
      }
    }
    return compiled;
  }

  private static List<String> lower(List<String> items) {
    return items == null ? null : items.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  private static <T> List<T> list(List<T> items) {
    return items == null ? List.of() : items;
  }
}
