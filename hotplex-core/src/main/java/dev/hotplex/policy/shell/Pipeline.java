package dev.hotplex.policy.shell;

import java.util.List;

/** TEMPORARY copy of the h-shell API signature; replaced by the real analyser at merge. */
public record Pipeline(List<Invocation> stages) {}
