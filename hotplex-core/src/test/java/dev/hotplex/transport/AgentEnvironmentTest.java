package dev.hotplex.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentEnvironmentTest {
  private static final Map<String, String> HOST = Map.of(
      "PATH", "/usr/bin", "HOME", "/home/ci", "LANG", "C.UTF-8", "LC_ALL", "C.UTF-8",
      "AWS_SECRET_ACCESS_KEY", "aws-secret", "GITHUB_TOKEN", "ghp_secret", "ANTHROPIC_API_KEY", "sk-ant",
      "JENKINS_URL", "http://ci");

  @Test
  void hostSecretsNeverReachTheAgent() {
    Map<String, String> env = AgentEnvironment.from(HOST).pass(List.of("ANTHROPIC_API_KEY")).build();

    assertThat(env).doesNotContainKeys("AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "JENKINS_URL");
    assertThat(env).doesNotContainValue("aws-secret").doesNotContainValue("ghp_secret");
  }

  @Test
  void baseVariablesLocalesAndNamedVariablesAreInherited() {
    Map<String, String> env = AgentEnvironment.from(HOST).pass(List.of("ANTHROPIC_API_KEY", "NOT_ON_HOST")).build();

    assertThat(env).containsOnly(Map.entry("PATH", "/usr/bin"), Map.entry("HOME", "/home/ci"),
        Map.entry("LANG", "C.UTF-8"), Map.entry("LC_ALL", "C.UTF-8"), Map.entry("ANTHROPIC_API_KEY", "sk-ant"));
  }

  @Test
  void setValuesWinInOrder() {
    Map<String, String> env = AgentEnvironment.from(HOST)
        .set(Map.of("HOME", "/tmp/agent-home", "ANTHROPIC_BASE_URL", "http://127.0.0.1:1"))
        .set(Map.of("ANTHROPIC_BASE_URL", "http://127.0.0.1:2"))
        .build();

    assertThat(env).containsEntry("HOME", "/tmp/agent-home").containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:2");
  }
}
