package dev.hotplex.client.ci;

import dev.hotplex.client.SessionSpec;
import dev.hotplex.policy.ToolPattern;
import dev.hotplex.provider.ProviderRegistry;
import dev.hotplex.session.SessionOptions;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The options of one CI agent step (the Jenkins {@code hotplexAgent} step), checked where they enter and mapped
 * to the daemon's session and turn requests. Serializable and immutable, so a step can save them and send them to
 * the build agent.
 *
 * <pre>{@code
 * StepOptions options = StepOptions.builder("Review the changes against origin/main.")
 *     .allowedTools(List.of("Read", "Grep", "Glob", "Bash(git diff:*)")).workDir(".").build();
 * SessionSpec spec = options.sessionSpec(workspace, scope);
 * }</pre>
 *
 * <p>Defaults: provider {@value #DEFAULT_PROVIDER}, work folder {@value #DEFAULT_WORK_DIR} (the workspace), session
 * {@value CiNames#DEFAULT_SESSION}, no allowed tools (every tool call is denied unless allowed), no policy file
 * beyond the shipped one, timeout {@value #DEFAULT_TIMEOUT_MINUTES} minutes per turn, no turn limit, return the
 * final text, a denied call does not fail the step.
 *
 * <p>The tool lists apply to each call (a warm session can review read-only, then fix with edit tools). The other
 * session settings (provider, model, policy, timeout, maxTurns, work folder) come from a session's first call.
 */
public final class StepOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String DEFAULT_PROVIDER = "claude";
  public static final String DEFAULT_WORK_DIR = ".";
  public static final int DEFAULT_TIMEOUT_MINUTES = SessionOptions.DEFAULT_TURN_TIMEOUT_MINUTES;

  private final String prompt;
  private final ArrayList<String> allowedTools;
  private final ArrayList<String> disallowedTools;
  private final String workDir;
  private final String provider;
  private final String session;
  private final String model;
  private final String policy;
  private final int timeoutMinutes;
  private final int maxTurns;
  private final boolean returnDetails;
  private final boolean failOnDenied;

  private StepOptions(Builder b) {
    prompt = b.prompt;
    allowedTools = new ArrayList<>(b.allowedTools);
    disallowedTools = new ArrayList<>(b.disallowedTools);
    workDir = blankToNull(b.workDir) == null ? DEFAULT_WORK_DIR : b.workDir.strip();
    provider = blankToNull(b.provider) == null ? DEFAULT_PROVIDER : b.provider.strip();
    session = blankToNull(b.session) == null ? CiNames.DEFAULT_SESSION : b.session.strip();
    model = blankToNull(b.model);
    policy = blankToNull(b.policy);
    timeoutMinutes = b.timeoutMinutes == 0 ? DEFAULT_TIMEOUT_MINUTES : b.timeoutMinutes;
    maxTurns = b.maxTurns;
    returnDetails = b.returnDetails;
    failOnDenied = b.failOnDenied;
  }

  /** Options for {@code prompt}; the other fields have their defaults until set. */
  public static Builder builder(String prompt) {
    return new Builder(prompt);
  }

  public String prompt() { return prompt; }
  public List<String> allowedTools() { return Collections.unmodifiableList(allowedTools); }
  public List<String> disallowedTools() { return Collections.unmodifiableList(disallowedTools); }
  /** The agent's folder, relative to the workspace; it is also the root of the workspace jail. */
  public String workDir() { return workDir; }
  public String provider() { return provider; }
  /** The session name within the run and node. */
  public String session() { return session; }
  /** The model, or null for the agent's default. */
  public String model() { return model; }
  /** A policy file relative to the workspace, or null for the shipped policy only. */
  public String policy() { return policy; }
  public int timeoutMinutes() { return timeoutMinutes; }
  /** The most model round trips per turn, or 0 for the agent's default. */
  public int maxTurns() { return maxTurns; }
  public boolean returnDetails() { return returnDetails; }
  public boolean failOnDenied() { return failOnDenied; }

  /**
   * The session request for the daemon: this step's session in {@code scope}, working in {@link #workDir()} of
   * {@code workspace}.
   *
   * @throws IOException naming the folder or file when the work folder or policy file is missing or resolves
   *     (through symlinks) outside the workspace
   */
  public SessionSpec sessionSpec(Path workspace, String scope) throws IOException {
    SessionSpec spec = SessionSpec.named(session).scope(scope).provider(provider).workDir(workDirIn(workspace))
        .allowedTools(allowedTools).disallowedTools(disallowedTools)
        .timeout(Duration.ofMinutes(timeoutMinutes));
    if (model != null) {
      spec.model(model);
    }
    if (maxTurns > 0) {
      spec.maxTurns(maxTurns);
    }
    if (policy != null) {
      spec.policy(insideWorkspace(workspace, policy, "policy", false));
    }
    return spec;
  }

  /**
   * The agent's folder in {@code workspace}, symlinks resolved.
   *
   * @throws IOException when it is missing or resolves outside the workspace
   */
  public Path workDirIn(Path workspace) throws IOException {
    return insideWorkspace(workspace, workDir, "workDir", true);
  }

  /**
   * {@code relative} resolved in {@code workspace}, through symlinks, which must stay inside it: a string check
   * alone would let a symlink in the checkout move the jail root anywhere.
   */
  static Path insideWorkspace(Path workspace, String relative, String field, boolean directory) throws IOException {
    Path root = workspace.toRealPath();
    Path target = root.resolve(relative).normalize();
    if (directory ? !Files.isDirectory(target) : !Files.isRegularFile(target)) {
      throw new CiStepException("The " + field + " '" + relative + "' is not " + (directory ? "a folder" : "a file")
          + " in the workspace " + root + ". Give a path relative to the workspace that exists on the agent.");
    }
    Path real = target.toRealPath();
    if (!real.startsWith(root)) {
      throw new CiStepException("The " + field + " '" + relative + "' leads to " + real + ", outside the workspace "
          + root + ". It must stay inside the workspace (symlinks are followed).");
    }
    return real;
  }

  /** A problem with the prompt, for form validation; empty when it is fine. */
  public static Optional<String> checkPrompt(String prompt) {
    return blankToNull(prompt) == null
        ? Optional.of("The prompt is required: what the agent should do, e.g. 'Review the changes.'")
        : Optional.empty();
  }

  /** A problem with tool patterns (Claude Code syntax such as {@code Bash(git diff:*)}); empty when all parse. */
  public static Optional<String> checkToolPatterns(List<String> patterns) {
    try {
      ToolPattern.parseAll(patterns);
      return Optional.empty();
    } catch (IllegalArgumentException malformed) {
      return Optional.of(malformed.getMessage());
    }
  }

  /** A problem with the work folder as written (its existence is checked on the agent); empty when fine. */
  public static Optional<String> checkWorkDir(String workDir) {
    return checkRelative(workDir, "workDir");
  }

  /** A problem with the policy file as written; empty when fine or unset. */
  public static Optional<String> checkPolicy(String policy) {
    return blankToNull(policy) == null ? Optional.empty() : checkRelative(policy, "policy");
  }

  private static Optional<String> checkRelative(String path, String field) {
    if (blankToNull(path) == null) {
      return Optional.empty();
    }
    Path given = Path.of(path.strip());
    if (given.isAbsolute()) {
      return Optional.of("The " + field + " must be relative to the workspace, not the absolute path '" + path.strip()
          + "'.");
    }
    if (given.normalize().startsWith("..")) {
      return Optional.of("The " + field + " '" + path.strip() + "' leaves the workspace; it must stay inside it.");
    }
    return Optional.empty();
  }

  /** A problem with the provider id; empty when it is one of the installed providers (or unset). */
  public static Optional<String> checkProvider(String provider) {
    if (blankToNull(provider) == null) {
      return Optional.empty();
    }
    ProviderRegistry providers = ProviderRegistry.load();
    return providers.ids().contains(provider.strip()) ? Optional.empty()
        : Optional.of("Unknown provider '" + provider.strip() + "'. Known providers: "
            + providers.ids().stream().sorted().toList() + ".");
  }

  /** A problem with the timeout in minutes (0 means the default); empty when fine. */
  public static Optional<String> checkTimeout(int minutes) {
    return minutes < 0 ? Optional.of("The timeout is a number of minutes, 1 or more (0 or unset for the default "
        + DEFAULT_TIMEOUT_MINUTES + "), not " + minutes + ".") : Optional.empty();
  }

  /** A problem with maxTurns (0 means no limit); empty when fine. */
  public static Optional<String> checkMaxTurns(int maxTurns) {
    return maxTurns < 0 ? Optional.of("maxTurns is 1 or more (0 or unset for no limit), not " + maxTurns + ".")
        : Optional.empty();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  @Override
  public String toString() {
    return "StepOptions[session=" + session + ", provider=" + provider + ", workDir=" + workDir + ", allowedTools="
        + allowedTools + "]";
  }

  /** Collects a step's parameters; {@link #build()} checks them all. */
  public static final class Builder {
    private final String prompt;
    private List<String> allowedTools = List.of();
    private List<String> disallowedTools = List.of();
    private String workDir;
    private String provider;
    private String session;
    private String model;
    private String policy;
    private int timeoutMinutes;
    private int maxTurns;
    private boolean returnDetails;
    private boolean failOnDenied;

    private Builder(String prompt) {
      this.prompt = prompt;
    }

    public Builder allowedTools(List<String> value) { allowedTools = value == null ? List.of() : List.copyOf(value); return this; }
    public Builder disallowedTools(List<String> value) { disallowedTools = value == null ? List.of() : List.copyOf(value); return this; }
    public Builder workDir(String value) { workDir = value; return this; }
    public Builder provider(String value) { provider = value; return this; }
    public Builder session(String value) { session = value; return this; }
    public Builder model(String value) { model = value; return this; }
    public Builder policy(String value) { policy = value; return this; }
    public Builder timeoutMinutes(int value) { timeoutMinutes = value; return this; }
    public Builder maxTurns(int value) { maxTurns = value; return this; }
    public Builder returnDetails(boolean value) { returnDetails = value; return this; }
    public Builder failOnDenied(boolean value) { failOnDenied = value; return this; }

    /**
     * Checks every option and builds.
     *
     * @throws IllegalArgumentException with every problem found, one sentence each, so one run shows them all
     */
    public StepOptions build() {
      List<String> problems = new ArrayList<>();
      checkPrompt(prompt).ifPresent(problems::add);
      checkToolPatterns(allowedTools).map(p -> "allowedTools: " + p).ifPresent(problems::add);
      checkToolPatterns(disallowedTools).map(p -> "disallowedTools: " + p).ifPresent(problems::add);
      checkWorkDir(workDir).ifPresent(problems::add);
      checkPolicy(policy).ifPresent(problems::add);
      checkProvider(provider).ifPresent(problems::add);
      CiNames.checkSessionName(session).ifPresent(problems::add);
      checkTimeout(timeoutMinutes).ifPresent(problems::add);
      checkMaxTurns(maxTurns).ifPresent(problems::add);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join(" ", problems));
      }
      return new StepOptions(this);
    }
  }
}
