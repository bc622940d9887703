package dev.hotplex.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded, validated and compiled policy: ordered rules plus the path lists of the workspace jail. Immutable and
 * thread-safe; build a {@link PolicyEngine} from it for a workspace.
 *
 * <pre>{@code
 * Policy policy = Policy.load(Path.of(".hotplex/policy.yaml"));   // shipped defaults + the user's file
 * PolicyEngine engine = new PolicyEngine(policy, workspace, home);
 * }</pre>
 */
public final class Policy {
  /** Classpath location of the shipped default policy. */
  public static final String DEFAULT_RESOURCE = "/dev/hotplex/policy/default-policy.yaml";

  private static volatile Policy defaults;

  private final List<Rule> rules;
  private final Decision defaultDecision;
  private final List<String> allowPaths;
  private final List<String> readablePaths;
  private final List<String> secretPaths;

  Policy(List<Rule> rules, Decision defaultDecision, List<String> allowPaths, List<String> readablePaths,
      List<String> secretPaths) {
    this.rules = List.copyOf(rules);
    this.defaultDecision = defaultDecision;
    this.allowPaths = List.copyOf(allowPaths);
    this.readablePaths = List.copyOf(readablePaths);
    this.secretPaths = List.copyOf(secretPaths);
  }

  /** The policy shipped in the jar ({@value #DEFAULT_RESOURCE}). */
  public static Policy defaults() {
    Policy loaded = defaults;
    if (loaded == null) {
      try (InputStream in = Policy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the default policy " + DEFAULT_RESOURCE + " is missing from the jar");
        }
        loaded = new PolicyLoader("default-policy.yaml", in.readAllBytes()).applyTo(null);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the default policy", e);
      }
      defaults = loaded;
    }
    return loaded;
  }

  /**
   * The defaults with a user policy file applied (YAML, or JSON when the name ends in {@code .json}).
   *
   * @param file the user's policy file, or null for the defaults alone
   * @throws PolicyFileException with file, line and column when the file is missing or wrong
   */
  public static Policy load(Path file) {
    if (file == null) {
      return defaults();
    }
    try {
      return parse(file.toString(), Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new PolicyFileException(file.toString(), 0, 0, "policy file not found; check the --policy path");
    } catch (IOException e) {
      throw new PolicyFileException(file.toString(), 0, 0, "cannot read the policy file: " + e.getMessage());
    }
  }

  /**
   * The defaults with a policy document applied.
   *
   * @param name the document's name for messages; a name ending in {@code .json} is read as JSON, else YAML
   * @throws PolicyFileException with line and column when the document is wrong
   */
  public static Policy parse(String name, byte[] content) {
    return new PolicyLoader(name, content).applyTo(defaults());
  }

  /** The ids of the rules, in evaluation order. */
  public List<String> ruleIds() {
    return rules.stream().map(Rule::id).toList();
  }

  /** The decision for a call no rule matches. */
  public Decision defaultDecision() {
    return defaultDecision;
  }

  /** Extra roots where reads and writes are allowed. */
  public List<String> allowPaths() {
    return allowPaths;
  }

  /** Path patterns readable outside the workspace. */
  public List<String> readablePaths() {
    return readablePaths;
  }

  /** Path patterns that are never readable. */
  public List<String> secretPaths() {
    return secretPaths;
  }

  List<Rule> rules() {
    return rules;
  }
}
