package dev.hotplex.cli;

import dev.hotplex.session.AgentProcessException;
import dev.hotplex.session.HotplexException;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code hotplex} command. Usage errors print one line and a hint (no usage dump); failures print what went
 * wrong and what to do, without a stack trace unless {@code --debug}.
 */
@Command(name = "hotplex", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Warm, policed AI coding agent sessions for CI.",
    subcommands = {RunCommand.class, DemoCommand.class, PolicyCommand.class, ServeCommand.class, SendCommand.class,
        AgentsCommand.class, ActionCommand.class},
    commandListHeading = "%nCommands:%n",
    footer = {"", "Start with the offline demo: ./hotplex demo (no API key needed, no real AI)."})
public final class HotplexMain implements Callable<Integer> {
  /** Every prompt succeeded. */
  public static final int EXIT_OK = 0;
  /** A prompt's turn failed (the agent reported an error, timed out or was cancelled); later prompts did not run. */
  public static final int EXIT_TURN_FAILED = 1;
  /** Invalid usage or configuration; nothing was started. */
  public static final int EXIT_USAGE = 2;
  /** The agent could not be started or hotplex failed. */
  public static final int EXIT_ERROR = 3;

  private final CliContext context;

  @Spec
  CommandSpec spec;

  HotplexMain(CliContext context) {
    this.context = context;
  }

  CliContext context() {
    return context;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing command: one of "
        + String.join(", ", spec.subcommands().keySet()) + " (hotplex --help explains each)");
  }

  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--debug")) {
      // Must be set before the first logger exists; simplelogger.properties defaults to warn.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    // UTF-8 whatever the platform default, so the log's symbols survive; --ascii avoids them altogether.
    PrintWriter out = utf8(FileDescriptor.out);
    PrintWriter err = utf8(FileDescriptor.err);
    int status = commandLine(CliContext.system(), out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(status);
  }

  private static PrintWriter utf8(FileDescriptor descriptor) {
    return new PrintWriter(new OutputStreamWriter(new FileOutputStream(descriptor), StandardCharsets.UTF_8), true);
  }

  /** The command line with its handlers, printing to {@code out} and {@code err}. */
  static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new HotplexMain(context));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(HotplexMain::onUsageError);
    commandLine.setExecutionExceptionHandler(HotplexMain::onFailure);
    Map<String, String> exitCodes = new LinkedHashMap<>();
    exitCodes.put(Integer.toString(EXIT_OK), "every prompt succeeded");
    exitCodes.put(Integer.toString(EXIT_TURN_FAILED), "a prompt failed (later prompts are not run)");
    exitCodes.put(Integer.toString(EXIT_USAGE), "invalid usage or configuration; nothing was started");
    exitCodes.put(Integer.toString(EXIT_ERROR), "the agent could not be started, or hotplex failed");
    for (String name : new String[] {"run", "demo", "send"}) {
      commandLine.getSubcommands().get(name).getCommandSpec().usageMessage()
          .exitCodeListHeading("%nExit status:%n").exitCodeList(exitCodes);
    }
    return commandLine;
  }

  private static int onUsageError(ParameterException error, String[] args) {
    CommandLine commandLine = error.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("hotplex: " + error.getMessage());
    UnmatchedArgumentException.printSuggestions(error, err);
    err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
    err.flush();
    return EXIT_USAGE;
  }

  private static int onFailure(Exception error, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean debug = debugRequested(parseResult);
    if (error instanceof HotplexException) {
      err.println("hotplex: " + error.getMessage());
      if (error instanceof AgentProcessException process && process.stderrTail() != null
          && !process.stderrTail().isBlank()) {
        err.println("The agent's last error output:");
        err.println(process.stderrTail().strip());
      }
    } else {
      err.println("hotplex: unexpected error: " + error + (debug ? "" : " (run with --debug for the stack trace)"));
    }
    if (debug) {
      error.printStackTrace(err);
    }
    err.flush();
    return EXIT_ERROR;
  }

  private static boolean debugRequested(ParseResult parseResult) {
    for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }
}
