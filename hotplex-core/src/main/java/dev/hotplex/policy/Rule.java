package dev.hotplex.policy;

import java.util.List;

/**
 * A compiled policy rule: it matches when any of its alternatives matches (see {@link RuleIndex#match}).
 *
 * @param id stable id, e.g. {@code destroy.outside-workspace}
 * @param category what kind of harm it prevents, e.g. {@code destruction}
 * @param decision what applies when it matches
 * @param reason what the model is told, including what it may do instead
 * @param alternatives compiled {@code match} entries
 */
record Rule(String id, String category, Decision decision, String reason, List<RuleMatcher> alternatives) {}
