package dev.hotplex.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A policy file as written (YAML or JSON), before merging and compiling. See {@code docs/policy.md}.
 *
 * @param version the schema version, 1
 * @param extendsPolicy {@code default} (the shipped policy, the default) or {@code none}
 * @param defaultDecision what a call no rule matches gets (default {@code allow})
 * @param allowPaths extra roots where reads and writes are allowed
 * @param readablePaths extra path patterns readable outside the workspace
 * @param secretPaths extra path patterns never readable
 * @param disable ids of rules to switch off
 * @param override rules to change by id: the fields given replace the rule's
 * @param rules new rules, evaluated after the inherited ones
 */
record PolicySpec(Integer version, @JsonProperty("extends") String extendsPolicy, Decision defaultDecision,
    List<String> allowPaths, List<String> readablePaths, List<String> secretPaths, List<String> disable,
    List<RuleSpec> override, List<RuleSpec> rules) {

  /** One rule: when {@code match} (any of its alternatives) matches, {@code decision} applies. */
  record RuleSpec(String id, String category, Decision decision, String reason, List<MatchSpec> match) {}

  /** Conditions that must all hold; lists mean "any of". */
  record MatchSpec(List<String> tools, List<String> commands, List<String> subcommands, List<String> flags,
      List<String> unlessFlags, List<String> args, List<String> argsRegex, Boolean noArgs,
      List<String> lastArgRegex, List<String> wrappers, List<String> redirects, PathsSpec paths,
      List<String> urlHosts, List<String> unlessUrlHosts, FlowSpec pipeline, FlowSpec substitution,
      String detector) {}

  /** Paths the command reads ({@code read}), writes ({@code write}) or deletes ({@code delete}). */
  record PathsSpec(List<String> access, List<String> match) {}

  /** Data flowing from commands {@code from} into commands {@code to}. */
  record FlowSpec(List<String> from, List<String> to) {}
}
