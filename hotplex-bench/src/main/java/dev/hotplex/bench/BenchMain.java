package dev.hotplex.bench;

import dev.hotplex.bench.latency.LatencyBench;
import dev.hotplex.bench.overhead.OverheadBench;
import dev.hotplex.bench.report.ReportWriter;
import dev.hotplex.bench.scale.ScaleBench;
import dev.hotplex.bench.results.ResultStore;
import dev.hotplex.bench.results.RunRecord;
import dev.hotplex.bench.results.Scratch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark harness's entry point; {@code scripts/bench} runs its commands in order, then JMH, then
 * {@code report}. Each measuring command writes {@code <results>/<name>.json}.
 */
@Command(name = "hotplex-bench", mixinStandardHelpOptions = true,
    description = "hotplex benchmarks. Normally run through scripts/bench.",
    subcommands = {BenchMain.Latency.class, BenchMain.Overhead.class, BenchMain.Scale.class, BenchMain.Report.class})
public final class BenchMain {

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    // The engine's and Jetty's INFO lines would drown the progress output; warnings still show.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int status = new CommandLine(new BenchMain()).execute(args);
    System.exit(status);
  }

  /** A benchmark run in a scratch folder. */
  interface Bench {
    RunRecord run(Path scratch) throws Exception;
  }

  /** Options every measuring command has. */
  static class Common {
    @Option(names = "--results", description = "Folder for the results files (default: ${DEFAULT-VALUE}).",
        defaultValue = "hotplex-bench/target/bench-results")
    Path results;

    @Option(names = "--quick", description = "Measure much less: for trying the harness, not for numbers.")
    boolean quick;

    /** Runs a benchmark in a fresh temporary folder, deleted afterwards, and saves what it recorded. */
    void runAndSave(String name, Bench bench) throws Exception {
      Path scratch = Files.createTempDirectory("hotplex-bench-" + name);
      try {
        save(bench.run(scratch));
      } finally {
        Scratch.deleteTree(scratch);
      }
    }

    void save(RunRecord record) throws Exception {
      Path file = new ResultStore(results).write(record);
      System.out.printf("[%s] wrote %s (%.0f s, load %s -> %s)%n", record.bench(), file, record.seconds(),
          record.loadAtStart(), record.loadAtEnd());
    }
  }

  @Command(name = "latency", description = "End-to-end turn latency with the real claude CLI and the fake model.")
  static final class Latency extends Common implements Callable<Integer> {
    @Option(names = "--claude", required = true, description = "The claude executable.")
    Path claude;

    @Option(names = "--sdk-dir", required = true, description = "Folder with sdk-turns.mjs and the installed SDK.")
    Path sdkDir;

    @Option(names = "--standby-age-ms", defaultValue = "3000",
        description = "How long a pre-warmed process waits before its session opens (default: ${DEFAULT-VALUE}).")
    long standbyAgeMs;

    @Override
    public Integer call() throws Exception {
      LatencyBench.Plan plan = quick
          ? new LatencyBench.Plan(2, 15, 2, 5, Duration.ofMillis(standbyAgeMs))
          : new LatencyBench.Plan(10, 50, 3, 20, Duration.ofMillis(standbyAgeMs));
      runAndSave("latency", new LatencyBench(claude.toAbsolutePath(), sdkDir, plan, System.out)::run);
      return 0;
    }
  }

  @Command(name = "overhead", description = "The engine's own time per turn, with an instant fake agent.")
  static final class Overhead extends Common implements Callable<Integer> {
    @Option(names = "--instant-agent", required = true, description = "The compiled instant-agent executable.")
    Path instantAgent;

    @Override
    public Integer call() throws Exception {
      OverheadBench.requireExecutable(instantAgent);
      OverheadBench.Plan plan = quick ? new OverheadBench.Plan(2, 1_000, 2_000) : new OverheadBench.Plan(10, 2_000,
          20_000);
      runAndSave("overhead", new OverheadBench(instantAgent.toAbsolutePath(), plan, System.out)::run);
      return 0;
    }
  }

  @Command(name = "scale", description = "Many sessions with the instant fake agent: memory, threads, latency.")
  static final class Scale extends Common implements Callable<Integer> {
    @Option(names = "--instant-agent", required = true, description = "The compiled instant-agent executable.")
    Path instantAgent;

    @Option(names = "--step-limit-s", defaultValue = "900",
        description = "Time limit of each step in seconds (default: ${DEFAULT-VALUE}).")
    long stepLimitSeconds;

    @Override
    public Integer call() throws Exception {
      OverheadBench.requireExecutable(instantAgent);
      Duration limit = Duration.ofSeconds(stepLimitSeconds);
      ScaleBench.Plan plan = quick ? new ScaleBench.Plan(List.of(100, 500), List.of(200), 5, limit)
          : new ScaleBench.Plan(List.of(100, 1_000, 5_000), List.of(1_000), 20, limit);
      runAndSave("scale", new ScaleBench(instantAgent.toAbsolutePath(), plan, System.out)::run);
      return 0;
    }
  }

  @Command(name = "report", description = "Writes the Markdown report and its plots from the results folder.")
  static final class Report implements Callable<Integer> {
    @Option(names = "--results", defaultValue = "hotplex-bench/target/bench-results",
        description = "Folder with the results files (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--out", defaultValue = "docs/benchmarks.md", description = "The report (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--plots", defaultValue = "docs/bench", description = "Folder for the plots (default: ${DEFAULT-VALUE}).")
    Path plots;

    @Option(names = "--command", defaultValue = "scripts/bench", description = "The command to name in the report.")
    String command;

    @Override
    public Integer call() throws Exception {
      new ReportWriter(new ResultStore(results), out.toAbsolutePath(), plots.toAbsolutePath(), command).write();
      System.out.println("[report] wrote " + out + " and " + plots + "/*.png");
      return 0;
    }
  }
}
