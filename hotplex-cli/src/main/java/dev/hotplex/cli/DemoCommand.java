package dev.hotplex.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hotplex demo}: {@code hotplex run --demo} on the sample repository with two fixed prompts, the second
 * building on the first. It prints the equivalent {@code run} command first and how to use a real model last.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Offline demo on the sample repository (no API key, no real AI).",
    description = {
        "Runs two prompts in one warm session against the OFFLINE DEMO MODEL (scripted, on 127.0.0.1; no API key,"
            + " no real AI): the agent lists and reads the sample repository, then answers a follow-up from what it"
            + " found. Same as the 'hotplex run --demo ...' command it prints first."})
final class DemoCommand implements Callable<Integer> {
  static final String SAMPLE_REPO = "examples/sample-repo";
  static final List<String> PROMPTS = List.of(
      "Look around this repository: list its files and read the README.",
      "From what you found in your first answer, which file would you open first to fix the bug?");

  @ParentCommand
  HotplexMain root;

  @Spec
  CommandSpec spec;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "The repository to look at (default: " + SAMPLE_REPO + " in the hotplex checkout).")
  Path workDir;

  @Option(names = "--cli-path", paramLabel = "PATH",
      description = "The agent executable (default: found on PATH, or in $HOTPLEX_AGENTS_DIR).")
  Path cliPath;

  @Mixin
  OutputOptions output;

  @Override
  public Integer call() {
    Path dir = workDir != null ? workDir : root.context().projectDir().resolve(SAMPLE_REPO);
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "the demo repository " + dir + " was not found; run the"
          + " demo from the hotplex checkout (./hotplex demo) or pass --work-dir DIR");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    err.println("[hotplex] The demo is the same as: hotplex " + shellWords(runArguments(displayed(dir))));
    err.flush();
    int status = HotplexMain.commandLine(root.context(), out, err).execute(
        runArguments(dir.toAbsolutePath().toString()).toArray(String[]::new));
    err.println("[hotplex] To run it against the real Claude API: export ANTHROPIC_API_KEY=<your key> and run the"
        + " command above without --demo.");
    err.flush();
    return status;
  }

  private List<String> runArguments(String dir) {
    List<String> args = new ArrayList<>(List.of("run", "--demo", "--work-dir", dir,
        "--allowed-tools", OfflineDemo.ALLOWED_TOOLS_TEXT));
    if (cliPath != null) {
      args.add("--cli-path");
      args.add(cliPath.toString());
    }
    args.addAll(output.asArguments());
    args.addAll(PROMPTS);
    return args;
  }

  /** The directory as the user would type it: relative to the current one when inside it. */
  private static String displayed(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    Path current = Path.of("").toAbsolutePath();
    return absolute.startsWith(current) && !absolute.equals(current) ? current.relativize(absolute).toString()
        : absolute.toString();
  }

  /** Quotes words for a POSIX shell where needed, so the printed command can be pasted. */
  static String shellWords(List<String> words) {
    return words.stream()
        .map(word -> word.matches("[A-Za-z0-9_./:=@%+-]+") ? word : "'" + word.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }
}
