package dev.hotplex.policy.shell;

/** TEMPORARY copy of the h-shell API signature; replaced by the real analyser at merge. */
public record Redirect(int fd, String operator, Word target) {}
