package dev.hotplex.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Label;
import hudson.model.Result;
import hudson.util.FormValidation;
import hudson.util.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Real pipelines with the step, on a real agent JVM ({@code createOnlineSlave}), against the embedded hotplex
 * daemon and the test kit's fake Claude Code CLI. They assert what users see: the log, the result, the return
 * value and the processes.
 */
@WithJenkins
class HotplexAgentStepTest {
  @RegisterExtension
  static BuildWatcherExtension buildWatcher = new BuildWatcherExtension();

  @TempDir Path dir;
  Path agents;

  @BeforeEach
  void fakeClaude() throws Exception {
    agents = FakeAgents.claude(dir.resolve("agents"));
  }

  private WorkflowRun run(JenkinsRule j, String body, Result expected) throws Exception {
    WorkflowJob job = j.createProject(WorkflowJob.class, "p" + j.jenkins.getItems().size());
    job.setDefinition(new CpsFlowDefinition("node('hotplex') { " + FakeAgents.env(agents, 20_000) + " {\n"
        + body + "\n} }", true));
    return j.assertBuildStatus(expected, job.scheduleBuild2(0));
  }

  @Test
  void secondCallInAnotherStageReusesTheWarmAgentProcess(JenkinsRule j) throws Exception {
    j.createOnlineSlave(Label.get("hotplex"));

    WorkflowRun b = run(j, """
        def first, second
        stage('Review') { first = hotplexAgent(prompt: 'first prompt', returnDetails: true) }
        stage('Fix') { second = hotplexAgent(prompt: 'second prompt', allowedTools: ['Read', 'Edit'], returnDetails: true) }
        echo "pids ${first.agentPid} ${second.agentPid} sessions ${first.sessionId == second.sessionId} turns ${first.turn} ${second.turn}"
        echo "text ${second.text}"
        """, Result.SUCCESS);

    String log = JenkinsRule.getLog(b);
    assertThat(log).containsPattern("pids (\\d+) \\1 sessions true turns 1 2");
    assertThat(log).contains("text ECHO: second prompt");
    assertThat(log).contains("started session 'default'").contains("warm session 'default'");
    assertThat(log).contains("── turn 2: ok");
    assertThat(log).contains("stopped the hotplex daemon on node");
  }

  @Test
  void deniedCallIsShownWithItsRuleAndReasonAndFailOnDeniedFailsTheStep(JenkinsRule j) throws Exception {
    j.createOnlineSlave(Label.get("hotplex"));

    WorkflowRun b = run(j, """
        hotplexAgent(prompt: 'MODE:ask-permission write a file')
        hotplexAgent(prompt: 'MODE:ask-permission again', failOnDenied: true)
        """, Result.FAILURE);

    String log = JenkinsRule.getLog(b);
    assertThat(log).contains("▶ Bash: echo hello > out.txt  ✖ denied by tools.not-allowed");
    assertThat(log).contains("failOnDenied: 1 tool call was denied in turn 2 of session 'default'")
        .contains("Bash: echo hello > out.txt -- denied by tools.not-allowed");
  }

  @Test
  void allowedToolsApplyPerCallInTheSameSession(JenkinsRule j) throws Exception {
    j.createOnlineSlave(Label.get("hotplex"));

    WorkflowRun b = run(j, """
        echo "review: " + hotplexAgent(prompt: 'MODE:ask-permission review', allowedTools: ['Read'])
        echo "fix: " + hotplexAgent(prompt: 'MODE:ask-permission fix', allowedTools: ['Read', 'Bash'])
        """, Result.SUCCESS);

    String log = JenkinsRule.getLog(b);
    assertThat(log).contains("review: PERMISSION deny").contains("fix: PERMISSION allow");
  }

  @Test
  void failedTurnFailsTheStepWithAClearMessage(JenkinsRule j) throws Exception {
    j.createOnlineSlave(Label.get("hotplex"));

    WorkflowRun b = run(j, "hotplexAgent(prompt: 'MODE:crash-mid-turn please')", Result.FAILURE);

    assertThat(JenkinsRule.getLog(b)).contains("hotplexAgent: The agent's turn 1 in session 'default' failed");
  }

  @Test
  void providerKeyFromTheCredentialIsMaskedInTheLog(JenkinsRule j) throws Exception {
    j.createOnlineSlave(Label.get("hotplex"));
    String key = "sk-ant-test-5f1e2d3c4b5a";
    CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
        new StringCredentialsImpl(CredentialsScope.GLOBAL, "model-key", "test key", Secret.fromString(key)));

    WorkflowRun b = run(j, "hotplexAgent(prompt: 'repeat " + key + "', credentialsId: 'model-key')",
        Result.SUCCESS);

    String log = JenkinsRule.getLog(b);
    assertThat(log).doesNotContain(key).contains("ECHO: repeat ****");
  }

  @Test
  void unknownCredentialFailsBeforeAnythingStarts(JenkinsRule j) throws Exception {
    j.createOnlineSlave(Label.get("hotplex"));

    WorkflowRun b = run(j, "hotplexAgent(prompt: 'hi', credentialsId: 'nope')", Result.FAILURE);

    assertThat(JenkinsRule.getLog(b)).contains("no Secret text credential with ID 'nope'");
  }

  @Test
  void abortInterruptsTheTurnAndLeavesNoAgentProcess(JenkinsRule j) throws Exception {
    j.createOnlineSlave(Label.get("hotplex"));
    WorkflowJob job = j.createProject(WorkflowJob.class, "abort");
    job.setDefinition(new CpsFlowDefinition("node('hotplex') { " + FakeAgents.env(agents, 20_000)
        + " { hotplexAgent(prompt: 'MODE:hang forever') } }", true));
    WorkflowRun b = job.scheduleBuild2(0).waitForStart();
    j.waitForMessage("started session 'default'", b);

    b.doStop();

    j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
    j.assertLogContains("stopping: cancelling turn 1 of session 'default'", b);
    j.assertLogContains("ended the agent's process group (session 'default' closed)", b);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (FakeAgents.running() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(FakeAgents.running()).as("a fake agent process is still running").isFalse();
  }

  @Test
  void buildEndStopsEveryDaemonTheBuildStarted(JenkinsRule j) throws Exception {
    j.createOnlineSlave(Label.get("hotplex"));

    WorkflowRun b = run(j, "hotplexAgent(prompt: 'hi'); hotplexAgent(prompt: 'other', session: 'second')",
        Result.SUCCESS);

    List<HotplexRunAction.Daemon> daemons = b.getAction(HotplexRunAction.class).daemons();
    assertThat(daemons).hasSize(1);
    assertThat(Path.of(daemons.get(0).stateDir).resolve("daemon.json")).doesNotExist();
    assertThat(b.getAction(HotplexRunAction.class).getCalls()).hasSize(2);
    assertThat(Files.list(b.getRootDir().toPath().resolve(HotplexRunAction.AUDIT_FOLDER))).hasSize(2);
  }

  @Test
  void buildPageListsEachCall(JenkinsRule j) throws Exception {
    j.createOnlineSlave(Label.get("hotplex"));
    WorkflowRun b = run(j, "hotplexAgent(prompt: 'MODE:ask-permission x')", Result.SUCCESS);

    String page = j.createWebClient().goTo(b.getUrl() + "hotplex/").getWebResponse().getContentAsString();

    assertThat(page).contains("id=\"hotplex-calls\"").contains("denied by tools.not-allowed");
  }

  @Test
  void snippetGeneratorWritesOnlyWhatDiffersFromTheDefaults(JenkinsRule j) throws Exception {
    SnippetizerTester snippets = new SnippetizerTester(j);
    HotplexAgentStep step = new HotplexAgentStep("Review the diff.");
    step.setAllowedTools(List.of("Read", "Bash(git diff:*)"));
    step.setReturnDetails(true);

    snippets.assertRoundTrip(step,
        "hotplexAgent allowedTools: ['Read', 'Bash(git diff:*)'], prompt: 'Review the diff.', returnDetails: true");
  }

  @Test
  void formChecksRejectBadInputEarly(JenkinsRule j) {
    HotplexAgentStep.DescriptorImpl descriptor = j.jenkins.getDescriptorByType(HotplexAgentStep.DescriptorImpl.class);

    assertThat(descriptor.doCheckPrompt("").kind).isEqualTo(FormValidation.Kind.ERROR);
    assertThat(descriptor.doCheckAllowedTools("Read\nBash(git diff:*").kind).isEqualTo(FormValidation.Kind.ERROR);
    assertThat(descriptor.doCheckAllowedTools("Read\nBash(git diff:*)").kind).isEqualTo(FormValidation.Kind.OK);
    assertThat(descriptor.doCheckWorkDir("/etc").kind).isEqualTo(FormValidation.Kind.ERROR);
    assertThat(descriptor.doCheckSession("a b").kind).isEqualTo(FormValidation.Kind.ERROR);
    assertThat(descriptor.doCheckProvider("nope").kind).isEqualTo(FormValidation.Kind.ERROR);
    assertThat(descriptor.doCheckTimeout("ten").kind).isEqualTo(FormValidation.Kind.ERROR);
  }
}
