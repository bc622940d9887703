package dev.hotplex.bench.latency;

import dev.hotplex.bench.results.RunClock;
import dev.hotplex.bench.results.RunRecord;
import dev.hotplex.bench.stats.Series;
import dev.hotplex.session.SessionOptions;
import dev.hotplex.testkit.model.FakeModelServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * End-to-end latency with the real Claude Code CLI and the test kit's fake model (which answers at once), every
 * driver in one run, interleaved round by round so that a change in machine load hits all of them alike.
 */
public final class LatencyBench {
  /** Series ids, used by the report. */
  public static final String COLD_PRINT = "cold-print";
  public static final String COLD_STREAM = "cold-stream";
  public static final String HOTPLEX_COLD_FIRST = "hotplex-cold-first";
  public static final String HOTPLEX_PREWARMED_FIRST = "hotplex-prewarmed-first";
  public static final String HOTPLEX_WARM = "hotplex-warm";
  public static final String RAW_WARM = "raw-warm";
  public static final String SDK_WARM = "sdk-warm";

  /** How much to measure. */
  public record Plan(int rounds, int warmTurnsPerRound, int coldTurnsPerRound, int warmupTurns,
      Duration standbyAge) {}

  private final Path claude;
  private final Path sdkDir;
  private final Plan plan;
  private final PrintStream progress;
  private int promptCounter;

  public LatencyBench(Path claude, Path sdkDir, Plan plan, PrintStream progress) {
    this.claude = claude;
    this.sdkDir = sdkDir;
    this.plan = plan;
    this.progress = progress;
  }

  public RunRecord run(Path scratch) throws Exception {
    RunClock clock = new RunClock("latency");
    List<Series> series = new ArrayList<>();
    try (FakeModelServer model = FakeModelServer.start()) {
      SessionOptions options = options(model, scratch);
      try (HotplexWarmDriver hotplex = new HotplexWarmDriver(options)) {
        hotplex.turn(nextPrompt());
        AgentCommand agent = AgentCommand.ofProcess(hotplex.pid());
        clock.fact("claude", RunClock.shown(claude) + " (" + claudeVersion(agent) + ")");
        clock.fact("claude arguments (hotplex, raw and cold stream-json)", String.join(" ", agent.arguments()));
        clock.fact("claude arguments (cold -p)", String.join(" ", ColdPrintDriver.arguments("PROMPT")));
        clock.fact("agent environment variables", String.join(" ", agent.environment().keySet().stream().sorted()
            .toList()));
        try (RawPipeDriver raw = new RawPipeDriver(agent);
            SdkDriver sdk = new SdkDriver(sdkDir, agent);
            HotplexFirstTurnDriver cold = new HotplexFirstTurnDriver(options, false, Duration.ZERO);
            HotplexFirstTurnDriver prewarmed = new HotplexFirstTurnDriver(options, true, plan.standbyAge())) {
          Map<String, TurnDriver> warm = new LinkedHashMap<>();
          warm.put(HOTPLEX_WARM, hotplex);
          warm.put(RAW_WARM, raw);
          warm.put(SDK_WARM, sdk);
          Map<String, TurnDriver> first = new LinkedHashMap<>();
          first.put(COLD_PRINT, new ColdPrintDriver(agent));
          first.put(COLD_STREAM, new ColdStreamDriver(agent));
          first.put(HOTPLEX_COLD_FIRST, cold);
          first.put(HOTPLEX_PREWARMED_FIRST, prewarmed);
          Interleaved warmTurns = new Interleaved(warm, Labels::of);
          Interleaved firstTurns = new Interleaved(first, Labels::of);
          progress.printf("[latency] warming up: %d turns per warm driver, 1 per first-turn driver%n",
              plan.warmupTurns());
          warmTurns.warmUp(plan.warmupTurns(), this::nextPrompt);
          firstTurns.warmUp(1, this::nextPrompt);
          recordSdkArguments(clock, sdk);
          for (int round = 1; round <= plan.rounds(); round++) {
            warmTurns.round(plan.warmTurnsPerRound(), this::nextPrompt);
            firstTurns.round(plan.coldTurnsPerRound(), this::nextPrompt);
            progress.printf("[latency] round %d/%d: medians %s; %s%n", round, plan.rounds(),
                warmTurns.medians(1e6, "ms"), firstTurns.medians(1e6, "ms"));
          }
          series.addAll(warmTurns.series());
          series.addAll(firstTurns.series());
        }
      }
    }
    clock.fact("rounds", plan.rounds());
    clock.fact("warm turns per driver", plan.rounds() * plan.warmTurnsPerRound());
    clock.fact("first turns per driver", plan.rounds() * plan.coldTurnsPerRound());
    clock.fact("warm-up turns per driver (not recorded)", plan.warmupTurns());
    clock.fact("standby age before a pre-warmed first turn", plan.standbyAge().toMillis() + " ms");
    clock.fact("Agent SDK", "@anthropic-ai/claude-agent-sdk " + SdkDriver.installedVersion(sdkDir).orElse("?"));
    return clock.finish(series, List.of());
  }

  private SessionOptions options(FakeModelServer model, Path scratch) throws IOException {
    Path workDir = Files.createDirectories(scratch.resolve("work"));
    Path home = Files.createDirectories(scratch.resolve("home"));
    return SessionOptions.builder()
        .workDir(workDir)
        .agentHome(home)
        .cliPath(claude)
        .baseUrl(model.baseUrl())
        .environment("ANTHROPIC_API_KEY", "sk-ant-fake-benchmark")
        .turnTimeout(HotplexTurns.TURN_LIMIT)
        .build();
  }

  private void recordSdkArguments(RunClock clock, SdkDriver sdk) {
    sdk.cliProcess().ifPresent(cli -> {
      try {
        clock.fact("claude arguments (Agent SDK)", String.join(" ", AgentCommand.ofProcess(cli.pid()).arguments()));
      } catch (IOException e) {
        clock.fact("claude arguments (Agent SDK)", "unreadable: " + e.getMessage());
      }
    });
  }

  private static String claudeVersion(AgentCommand agent) {
    try {
      Process version = new ProcessBuilder(agent.argv().get(0), "--version").redirectErrorStream(true).start();
      String text = new String(version.getInputStream().readAllBytes()).trim();
      version.waitFor();
      return text;
    } catch (IOException e) {
      return "version unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "version unknown";
    }
  }

  private String nextPrompt() {
    return "bench turn " + (++promptCounter);
  }
}
