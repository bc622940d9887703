package dev.hotplex.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A controller restart in the middle of a turn: the daemon keeps the turn running on the node, and the step
 * re-attaches to its event log from the saved offset, without sending the prompt again.
 */
class HotplexAgentRestartTest {
  @RegisterExtension
  static BuildWatcherExtension buildWatcher = new BuildWatcherExtension();

  @RegisterExtension
  JenkinsSessionExtension sessions = new JenkinsSessionExtension();

  @Test
  void turnRunningDuringARestartIsFollowedToItsEndNotRunAgain() throws Throwable {
    Path agents = FakeAgents.claude(Files.createTempDirectory("hotplex-agents"));
    sessions.then(j -> {
      WorkflowJob job = j.createProject(WorkflowJob.class, "restart");
      // MODE:slow answers after FAKE_CLI_DELAY_MS: long enough to restart Jenkins in between.
      job.setDefinition(new CpsFlowDefinition("node { " + FakeAgents.env(agents, 15_000)
          + " { echo 'answer: ' + hotplexAgent(prompt: 'MODE:slow across a restart') } }", true));
      WorkflowRun b = job.scheduleBuild2(0).waitForStart();
      j.waitForMessage("started session 'default'", b);
    });
    sessions.then(j -> {
      WorkflowRun b = j.jenkins.getItemByFullName("restart", WorkflowJob.class).getBuildByNumber(1);
      j.assertBuildStatusSuccess(j.waitForCompletion(b));
      String log = JenkinsRule.getLog(b);
      assertThat(log).contains("Jenkins restarted: re-attaching to turn 1 of session 'default'");
      assertThat(log).contains("answer: ECHO: MODE:slow across a restart");
      assertThat(log.split("started session 'default'", -1)).as("the turn was started once").hasSize(2);
    });
  }
}
