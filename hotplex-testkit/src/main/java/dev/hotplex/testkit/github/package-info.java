/**
 * A fake of the GitHub REST API on {@code 127.0.0.1}, for tests of hotplex's GitHub Action: {@link
 * dev.hotplex.testkit.github.FakeGitHub} serves one {@link dev.hotplex.testkit.github.FakeRepository} and records
 * every call as a {@link dev.hotplex.testkit.github.GitHubCall}. Nothing leaves the machine.
 */
package dev.hotplex.testkit.github;
