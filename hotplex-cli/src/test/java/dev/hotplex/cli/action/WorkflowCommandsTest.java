package dev.hotplex.cli.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class WorkflowCommandsTest {
  private final StringWriter out = new StringWriter();
  private final WorkflowCommands commands = new WorkflowCommands(new PrintWriter(out, true));

  @Test
  void messageEscapesPercentAndLineBreaksSoItStaysOneCommand() {
    commands.error("100% broken\r\nsecond line", WorkflowCommands.Location.NONE);

    assertThat(out.toString()).isEqualTo("::error::100%25 broken%0D%0Asecond line" + System.lineSeparator());
  }

  @Test
  void propertiesAlsoEscapeColonAndComma() {
    commands.warning("careful", new WorkflowCommands.Location("dir/a,b:c.py", 12));

    assertThat(out.toString().strip()).isEqualTo("::warning file=dir/a%2Cb%3Ac.py,line=12::careful");
  }

  @Test
  void noticeCarriesTitleFileAndLine() {
    commands.notice("n", new WorkflowCommands.Location("x.py", 3), "hotplex review");

    assertThat(out.toString().strip()).isEqualTo("::notice title=hotplex review,file=x.py,line=3::n");
  }

  @Test
  void addMaskTellsTheRunnerAndMasksEverythingPrintedLater() {
    commands.addMask("sk-ant-secret-value");
    commands.error("the key sk-ant-secret-value leaked", new WorkflowCommands.Location("sk-ant-secret-value", 0));
    commands.print("log: sk-ant-secret-value\n");

    String printed = out.toString();
    assertThat(printed).startsWith("::add-mask::sk-ant-secret-value");
    assertThat(printed.substring(printed.indexOf('\n') + 1)).doesNotContain("sk-ant-secret-value")
        .contains("::error file=****::the key **** leaked").contains("log: ****");
  }

  @Test
  void aMultiLineSecretIsMaskedLineByLineForTheRunner() {
    commands.addMask("first-line-secret\nsecond-line-secret\n");

    assertThat(out.toString().lines()).containsExactly("::add-mask::first-line-secret",
        "::add-mask::second-line-secret");
  }

  @Test
  void aSecretIsAnnouncedOnce() {
    commands.addMask("the-same-token");
    commands.addMask("the-same-token");

    assertThat(out.toString().lines()).containsExactly("::add-mask::the-same-token");
  }

  @Test
  void blankSecretsAreNotMasked() {
    commands.addMask("  ");
    commands.addMask(null);

    assertThat(out.toString()).isEmpty();
    assertThat(commands.masker().size()).isZero();
  }

  @Test
  void stopAndResumeUseTheSameUnguessableToken() {
    String token = commands.stopCommands();
    commands.print("::add-mask::not-a-command\n");
    commands.resumeCommands(token);

    assertThat(token).startsWith("hotplex-").hasSizeGreaterThan(20);
    assertThat(out.toString().lines()).containsExactly("::stop-commands::" + token, "::add-mask::not-a-command",
        "::" + token + "::");
    assertThat(commands.stopCommands()).isNotEqualTo(token);
  }

  @Test
  void groupsOpenAndClose() {
    commands.group("prompt 1 of 1: review");
    commands.endGroup();

    assertThat(out.toString().lines()).containsExactly("::group::prompt 1 of 1: review", "::endgroup::");
  }
}
