package dev.hotplex.bench.overhead;

import dev.hotplex.bench.latency.AgentCommand;
import dev.hotplex.bench.latency.HotplexWarmDriver;
import dev.hotplex.bench.latency.Interleaved;
import dev.hotplex.bench.latency.RawPipeDriver;
import dev.hotplex.bench.latency.TurnDriver;
import dev.hotplex.bench.results.RunClock;
import dev.hotplex.bench.results.RunRecord;
import dev.hotplex.session.SessionOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's own cost per turn, without a model: the same instant fake agent (instant-agent.c) driven by a warm
 * hotplex session and by the raw pipe driver, interleaved. The raw driver's time is the fake's own time plus the
 * pipes (write, the fake's answer, read); what hotplex adds on top is its overhead.
 */
public final class OverheadBench {
  public static final String HOTPLEX = "overhead-hotplex";
  public static final String RAW = "overhead-raw";

  /** How much to measure. */
  public record Plan(int rounds, int turnsPerRound, int warmupTurns) {}

  private final Path instantAgent;
  private final Plan plan;
  private final PrintStream progress;
  private int promptCounter;

  public OverheadBench(Path instantAgent, Plan plan, PrintStream progress) {
    this.instantAgent = instantAgent;
    this.plan = plan;
    this.progress = progress;
  }

  public static String label(String id) {
    return HOTPLEX.equals(id) ? "hotplex session, instant fake agent" : "raw pipe, same fake agent";
  }

  public RunRecord run(Path scratch) throws Exception {
    RunClock clock = new RunClock("overhead");
    SessionOptions options = instantAgentOptions(instantAgent, scratch).build();
    Interleaved turns;
    try (HotplexWarmDriver hotplex = new HotplexWarmDriver(options)) {
      hotplex.turn(nextPrompt());
      AgentCommand agent = AgentCommand.ofProcess(hotplex.pid());
      try (RawPipeDriver raw = new RawPipeDriver(agent)) {
        Map<String, TurnDriver> drivers = new LinkedHashMap<>();
        drivers.put(HOTPLEX, hotplex);
        drivers.put(RAW, raw);
        turns = new Interleaved(drivers, OverheadBench::label);
        progress.printf("[overhead] warming up: %d turns each%n", plan.warmupTurns());
        turns.warmUp(plan.warmupTurns(), this::nextPrompt);
        for (int round = 1; round <= plan.rounds(); round++) {
          turns.round(plan.turnsPerRound(), this::nextPrompt);
          progress.printf("[overhead] round %d/%d: medians %s%n", round, plan.rounds(), turns.medians(1e3, "us"));
        }
      }
    }
    clock.fact("fake agent", RunClock.shown(instantAgent) + " (instant-agent.c: three lines per turn, one write each)");
    clock.fact("turns per driver", plan.rounds() * plan.turnsPerRound());
    clock.fact("warm-up turns per driver (not recorded)", plan.warmupTurns());
    clock.fact("engine threads", dev.hotplex.transport.AgentThreads.virtualThreads() ? "virtual" : "platform");
    return clock.finish(turns.series(), List.of());
  }

  /** Options of a session whose agent is the instant fake agent, working in {@code scratch}. */
  public static SessionOptions.Builder instantAgentOptions(Path instantAgent, Path scratch) throws IOException {
    return SessionOptions.builder()
        .workDir(Files.createDirectories(scratch.resolve("work")))
        .agentHome(Files.createDirectories(scratch.resolve("home")))
        .cliPath(instantAgent);
  }

  /** Whether {@code path} is an executable file; the harness compiles it with cc before the run. */
  public static void requireExecutable(Path path) throws IOException {
    if (!Files.isExecutable(path)) {
      throw new IOException("the instant fake agent " + path + " is missing: scripts/bench compiles it from"
          + " hotplex-bench/src/main/c/instant-agent.c (needs a C compiler, e.g. apt-get install gcc)");
    }
  }

  private String nextPrompt() {
    return "overhead turn " + (++promptCounter);
  }
}
