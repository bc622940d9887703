package dev.hotplex.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.Hotplex;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.EventJson;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.Policy;
import dev.hotplex.session.Session;
import dev.hotplex.testkit.model.ModelRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets, with the real Claude Code CLI: the {@link LeakScenario} runs through the engine, through
 * {@code hotplex run} (readable log with debug logging, and NDJSON, with an audit file) and through the daemon
 * (its debug log, SSE and WebSocket streams, turn logs). Every artefact is scanned for every form of every
 * secret: the goal is 0. The agent's own transcripts under its HOME are Claude Code's files, not hotplex's
 * output: they are counted and reported, not asserted (see docs/reliability.md).
 */
class SecretLeakTest {
  static final int RUNS = Trials.count("secretRuns", 1, 5);
  @RegisterExtension
  static final Figures.Table TABLE = Figures.table(40, "secrets",
      "Secrets (fake Anthropic key, fake GitHub token, a declared password with quotes; real Claude Code)",
      "channel", "runs", "artefacts scanned", "kB scanned", "secret forms the model saw (leak attempts)",
      "occurrences in hotplex output");

  @TempDir Path dir;
  @RegisterExtension final ClaudeRig rig = new ClaudeRig();
  private Path policyFile;

  @BeforeEach
  void writePolicy() throws IOException {
    policyFile = LeakScenario.permissivePolicy(dir);
  }

  /** What one channel's runs produced, scanned. */
  private final class Scan {
    final String channel;
    final Map<String, Integer> found = new LinkedHashMap<>();
    /** Where the first occurrence was, to say what leaked. */
    String firstContext;
    int runs;
    int artefacts;
    long bytes;
    int attempts;
    int transcriptOccurrences;
    int transcriptFiles;

    private LeakScenario scenario;
    private SecretScanner scanner;

    Scan(String channel) {
      this.channel = channel;
    }

    /** Starts the next run: a new scenario with new secrets, scripted on the model. */
    LeakScenario run() {
      countAttempts();
      scenario = new LeakScenario();
      scanner = scenario.scanner();
      scenario.script(rig.model);
      runs++;
      return scenario;
    }

    void artefact(String name, String text) {
      artefacts++;
      bytes += text.length();
      scanner.scan(text).forEach((form, count) -> found.merge(name + ": " + form, count, Integer::sum));
      if (firstContext == null) {
        scanner.firstContext(text).ifPresent(context -> firstContext = name + ": ..." + context + "...");
      }
    }

    /** The control: what the model received from the agent's tool calls, so the attempt really happened. */
    private void countAttempts() {
      if (scenario == null) {
        return;
      }
      for (ModelRequest request : rig.model.requests()) {
        if (request.body().toString().contains(scenario.token)) {
          attempts += scanner.count(request.body().toString());
        }
      }
    }

    void transcripts(Path home) throws IOException {
      if (!Files.isDirectory(home)) {
        return;
      }
      try (Stream<Path> files = Files.walk(home)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          transcriptFiles++;
          transcriptOccurrences += scanner.count(Files.readString(file, StandardCharsets.ISO_8859_1));
        }
      }
    }

    void publishAndCheck() {
      countAttempts();
      int occurrences = found.values().stream().mapToInt(Integer::intValue).sum();
      TABLE.row(channel, runs, artefacts, bytes / 1024, attempts, occurrences);
      if (transcriptFiles > 0) {
        TABLE.row(channel + ": the agent's own files under its HOME (Claude Code's transcripts, not hotplex's)",
            runs, transcriptFiles, "-", "-", transcriptOccurrences + " (not masked, see text)");
      }
      assertThat(attempts).as("%s: the agent really printed the secrets", channel).isPositive();
      assertThat(found).as("%s: secrets in hotplex's output, first in %s", channel, firstContext).isEmpty();
    }
  }

  @Test
  void engineEventsAndResultsShowNoSecret() throws Exception {
    Scan scan = new Scan("engine: events (with text deltas), results, error messages");
    for (int run = 0; run < RUNS; run++) {
      LeakScenario scenario = scan.run();
      List<String> json = new CopyOnWriteArrayList<>();
      List<String> printed = new CopyOnWriteArrayList<>();
      var options = rig.options().environment("ANTHROPIC_API_KEY", scenario.apiKey)
          .addAllowedTools(LeakScenario.TOOLS).policy(Policy.load(policyFile))
          .includePartialMessages(true).environment("GITHUB_TOKEN", scenario.githubToken)
          .environment("DB_PASSWORD", scenario.password).addSecret(scenario.githubToken)
          .addSecret(scenario.password).build();
      try (Session session = Hotplex.session(options)) {
        for (String prompt : List.of(scenario.leakPrompt(), scenario.failPrompt())) {
          TurnResult result = session.send(prompt, (AgentEvent event) -> {
            json.add(EventJson.toJson(event));
            printed.add(event.toString());
          }).await(ClaudeRig.STEP).orElseThrow();
          scan.artefact("result", String.valueOf(result));
        }
      }
      scan.artefact("event JSON", String.join("\n", json));
      scan.artefact("text deltas joined", SecretScanner.joinedDeltas(json));
      scan.artefact("event toString", String.join("\n", printed));
      scan.transcripts(options.agentHome());
    }
    scan.publishAndCheck();
  }

  @Test
  void hotplexRunPrintsNoSecretInItsLogJsonOrAuditFile() throws Exception {
    Scan scan = new Scan("hotplex run: stdout and stderr (log with --debug, --json), audit file");
    for (int run = 0; run < RUNS; run++) {
      LeakScenario scenario = scan.run();
      for (List<String> output : List.of(List.of("--debug"), List.of("--json"))) {
        Path runDir = Files.createDirectories(dir.resolve("run-" + run + output.get(0)));
        Path audit = runDir.resolve("audit.jsonl");
        List<String> args = new ArrayList<>(List.of("run", "--cli-path", rig.claude.toString(), "--base-url",
            rig.model.baseUrl(), "--work-dir", Files.createDirectories(runDir.resolve("work")).toString(),
            "--agent-home", Files.createDirectories(runDir.resolve("home")).toString(), "--allowed-tools",
            String.join(",", LeakScenario.TOOLS), "--policy", policyFile.toString(), "--sandbox", "off",
            "--audit-log", audit.toString(), "--secret-env", "GITHUB_TOKEN", "--secret-env", "DB_PASSWORD"));
        args.addAll(output);
        args.addAll(List.of(scenario.leakPrompt(), scenario.failPrompt()));
        CliRun cli = CliRun.hotplex(runDir, Map.of("ANTHROPIC_API_KEY", scenario.apiKey,
            "GITHUB_TOKEN", scenario.githubToken, "DB_PASSWORD", scenario.password), args);
        assertThat(cli.exitCode()).as("the FAIL prompt fails the run: %s", cli.stderr()).isEqualTo(1);
        scan.artefact("stdout " + output, cli.stdout());
        scan.artefact("stderr " + output, cli.stderr());
        scan.artefact("text deltas joined", SecretScanner.joinedDeltas(cli.stdout().lines().toList()));
        scan.artefact("audit file", Files.readString(audit));
        scan.transcripts(runDir.resolve("home"));
      }
    }
    scan.publishAndCheck();
  }

  @Test
  void daemonLogStreamsAndTurnLogsShowNoSecret() throws Exception {
    Scan scan = new Scan("daemon: its debug log, SSE and WebSocket streams, turn logs on disk");
    for (int run = 0; run < RUNS; run++) {
      LeakScenario scenario = scan.run();
      Path daemonDir = Files.createDirectories(dir.resolve("daemon-" + run));
      try (DaemonProcess daemon = DaemonProcess.start(daemonDir, rig.claude, "off", scenario.secrets(),
          List.of("GITHUB_TOKEN", "DB_PASSWORD"), true)) {
        ObjectNode body = EventJson.mapper().createObjectNode().put("name", "secrets")
            .put("workDir", Files.createDirectories(daemonDir.resolve("work")).toString())
            .put("baseUrl", rig.model.baseUrl()).put("policy", policyFile.toString())
            .put("includePartialMessages", true);
        body.putArray("allowedTools").add("Bash").add("Write");
        String session = daemon.createSession(body);
        for (String prompt : List.of(scenario.leakPrompt(), scenario.failPrompt())) {
          int turn = daemon.client.startTurn(session, prompt);
          daemon.client.streamEvents(session, turn, 0, (seq, event) -> { });
          List<String> sse = sseEvents(daemon, session, turn);
          scan.artefact("SSE stream", String.join("\n", sse));
          scan.artefact("SSE text deltas joined", SecretScanner.joinedDeltas(sse));
          List<String> ws = webSocketEvents(daemon, session, turn);
          scan.artefact("WebSocket stream", String.join("\n", ws));
          scan.artefact("WebSocket text deltas joined", SecretScanner.joinedDeltas(ws));
        }
      }
      try (Stream<Path> files = Files.walk(daemonDir.resolve("state"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".ndjson")).toList()) {
          List<String> lines = Files.readAllLines(file);
          scan.artefact("turn log", String.join("\n", lines));
          scan.artefact("turn log text deltas joined", SecretScanner.joinedDeltas(lines));
        }
      }
      try (Stream<Path> logs = Files.list(daemonDir)) {
        for (Path log : logs.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
          scan.artefact("daemon log (debug)", Files.readString(log));
        }
      }
      scan.transcripts(daemonDir.resolve("home"));
    }
    scan.publishAndCheck();
  }

  /** The SSE body of a finished turn, one {@code data:} payload per line. */
  private static List<String> sseEvents(DaemonProcess daemon, String session, int turn) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(daemon.client.endpoint() + "/v1/sessions/" + session
        + "/turns/" + turn + "/events?from=0")).header("Authorization", "Bearer " + daemon.token())
        .timeout(ClaudeRig.STEP).GET().build();
    String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    return body.lines().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
  }

  /** The same turn's events re-read over the WebSocket API ({@code events} from 0). */
  private static List<String> webSocketEvents(DaemonProcess daemon, String session, int turn) throws Exception {
    try (WsClient ws = WsClient.connect(daemon.client.endpoint(), daemon.token())) {
      return ws.untilResult("{\"id\":\"scan\",\"type\":\"events\",\"session\":\"" + session + "\",\"turn\":"
          + turn + ",\"from\":0}", ClaudeRig.STEP).stream().map(JsonNode::toString).toList();
    }
  }
}
