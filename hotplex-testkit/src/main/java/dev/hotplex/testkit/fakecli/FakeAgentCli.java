package dev.hotplex.testkit.fakecli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for Claude Code that speaks a subset of its stream-json protocol, and misbehaves on request.
 *
 * <p>Input: one JSON object per line: {@code user} messages and {@code control_request}s ({@code initialize} and
 * {@code interrupt} are answered with success). For each user message it prints {@code system/init} (with a stable
 * {@code session_id}: the {@code --resume} id when given), an {@code assistant} text {@code ECHO: <text>} and a
 * {@code result}. It exits on end of input.
 *
 * <p>The behaviour ({@link Mode}) comes from {@code --mode}, else {@code FAKE_CLI_MODE}, else {@code normal}; a
 * prompt starting with {@code MODE:<mode> } uses that mode for its turn only. Variables: {@code FAKE_CLI_ARGV_FILE}
 * (append this process's arguments to that file, one JSON array per line), {@code FAKE_CLI_HUGE_MB} (default 50),
 * {@code FAKE_CLI_FLOOD_MB} (default 200), {@code FAKE_CLI_BINARY_KB} (default 1024), {@code FAKE_CLI_DELAY_MS}
 * (default 3000).
 */
public final class FakeAgentCli {
  /** How the fake behaves on a turn. */
  public enum Mode {
    NORMAL, GARBAGE, HUGE_LINE, FLOOD, HANG, HANG_IGNORE_INTERRUPT, EXIT_AT_START, CRASH_MID_TURN, SLOW,
    SPAWN_DAEMON, ASK_PERMISSION, DAEMON_THEN_HANG, NOISE, BINARY, UNKNOWN_TYPES;

    /** The name used on the command line, e.g. {@code huge-line}. */
    public String cliName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Mode parse(String text) {
      return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODE_PREFIX = "MODE:";
  /** The input of the Bash call the permission modes ask about. */
  private static final ObjectNode PERMISSION_INPUT = JSON.createObjectNode().put("command", "echo hello > out.txt")
      .put("description", "write");

  private final PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false,
      StandardCharsets.UTF_8);
  private final Mode defaultMode;
  private final String sessionId;
  private final ExecutorService turns = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "fake-turn");
    thread.setDaemon(true);
    return thread;
  });
  private final BlockingQueue<JsonNode> controlReplies = new LinkedBlockingQueue<>();
  private volatile Mode runningMode;
  private volatile CountDownLatch interruptOfLastTurn = new CountDownLatch(1);
  private int permissionRequests;

  private FakeAgentCli(Mode defaultMode, String sessionId) {
    this.defaultMode = defaultMode;
    this.sessionId = sessionId;
  }

  public static void main(String[] args) throws IOException {
    String modeText = System.getenv().getOrDefault("FAKE_CLI_MODE", "normal");
    String resume = null;
    for (int i = 0; i < args.length; i++) {
      // Both spellings, as the real CLI takes them: "--resume ID" and "--resume=ID".
      if (args[i].startsWith("--resume=")) {
        resume = args[i].substring("--resume=".length());
      } else if (i + 1 < args.length && args[i].equals("--mode")) {
        modeText = args[i + 1];
      } else if (i + 1 < args.length && args[i].equals("--resume")) {
        resume = args[i + 1];
      }
    }
    recordArguments(args);
    Mode mode = Mode.parse(modeText);
    if (mode == Mode.EXIT_AT_START) {
      System.err.println("fake-agent: fatal: cannot start (simulated start-up failure, FAKE_CLI_MODE=exit-at-start)");
      System.exit(3);
    }
    new FakeAgentCli(mode, resume != null ? resume : UUID.randomUUID().toString()).run();
  }

  private static void recordArguments(String[] args) throws IOException {
    String file = System.getenv("FAKE_CLI_ARGV_FILE");
    if (file != null) {
      Files.writeString(Path.of(file), JSON.writeValueAsString(args) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  private void run() throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      JsonNode message;
      try {
        message = JSON.readTree(line);
      } catch (IOException e) {
        System.err.println("fake-agent: ignoring input that is not JSON");
        continue;
      }
      if (message == null) {
        continue;
      }
      switch (message.path("type").asText()) {
        case "control_request" -> onControlRequest(message);
        case "control_response" -> controlReplies.offer(message);
        case "user" -> startTurn(userText(message));
        default -> System.err.println("fake-agent: ignoring message type " + message.path("type").asText());
      }
    }
    // Like the real CLI, finish the turns already received, then exit.
    turns.shutdown();
    try {
      turns.awaitTermination(1, TimeUnit.HOURS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.exit(0);
  }

  private static String userText(JsonNode message) {
    StringBuilder text = new StringBuilder();
    for (JsonNode block : message.path("message").path("content")) {
      text.append(block.path("text").asText());
    }
    return text.toString();
  }

  private void onControlRequest(JsonNode message) {
    boolean interrupt = message.path("request").path("subtype").asText().equals("interrupt");
    if (interrupt && runningMode == Mode.HANG_IGNORE_INTERRUPT) {
      return;
    }
    ObjectNode response = JSON.createObjectNode().put("subtype", "success")
        .put("request_id", message.path("request_id").asText());
    response.putObject("response");
    ObjectNode reply = JSON.createObjectNode().put("type", "control_response");
    reply.set("response", response);
    print(reply);
    if (interrupt) {
      interruptOfLastTurn.countDown();
    }
  }

  private void startTurn(String prompt) {
    Mode mode = defaultMode;
    String text = prompt;
    if (prompt.startsWith(MODE_PREFIX)) {
      int space = prompt.indexOf(' ');
      String name = space < 0 ? prompt.substring(MODE_PREFIX.length()) : prompt.substring(MODE_PREFIX.length(), space);
      mode = Mode.parse(name);
      text = space < 0 ? "" : prompt.substring(space + 1);
    }
    Mode turnMode = mode;
    String turnText = text;
    runningMode = mode;
    // Made here, on the input thread, so an interrupt that arrives before the turn thread runs is not lost.
    CountDownLatch interrupted = new CountDownLatch(1);
    interruptOfLastTurn = interrupted;
    turns.execute(() -> {
      try {
        runTurn(turnMode, turnText, interrupted);
      } catch (IOException e) {
        System.err.println("fake-agent: turn failed: " + e);
      }
    });
  }

  private void runTurn(Mode mode, String text, CountDownLatch interrupted) throws IOException {
    print(init());
    switch (mode) {
      case GARBAGE -> printGarbage();
      case NOISE -> printRaw(text);
      case BINARY -> printBinary();
      case UNKNOWN_TYPES -> text = text + " | " + printUnknownTypes();
      case HUGE_LINE -> printHugeLine();
      case FLOOD -> printFlood();
      case HANG, HANG_IGNORE_INTERRUPT -> {
        if (awaitInterrupt(interrupted, Long.MAX_VALUE)) {
          printInterrupted();
        }
        return;
      }
      case SLOW -> {
        if (awaitInterrupt(interrupted, Long.parseLong(System.getenv().getOrDefault("FAKE_CLI_DELAY_MS", "3000")))) {
          printInterrupted();
          return;
        }
      }
      case CRASH_MID_TURN -> {
        System.err.println("fake-agent: simulated crash in the middle of a turn");
        System.err.flush();
        Runtime.getRuntime().halt(1);
      }
      case SPAWN_DAEMON -> spawnDaemons();
      case ASK_PERMISSION -> {
        askPermission();
        return;
      }
      case DAEMON_THEN_HANG -> {
        // Like a tool call that daemonizes and then runs on: allowed, it leaves processes, then waits.
        if (requestPermission().path("behavior").asText().equals("allow")) {
          spawnDaemons();
        }
        if (awaitInterrupt(interrupted, Long.MAX_VALUE)) {
          printInterrupted();
        }
        return;
      }
      default -> { }
    }
    print(assistantText("ECHO: " + text));
    print(result("success", false, "ECHO: " + text, JSON.createArrayNode()));
  }

  /** Waits up to {@code millis} for the turn's interrupt; true if it came. */
  private static boolean awaitInterrupt(CountDownLatch interrupted, long millis) {
    try {
      return interrupted.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      return true;
    }
  }

  private void printGarbage() {
    synchronized (out) {
      out.print("this line is not JSON at all\n");
      out.write(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, 0, 1, 2, (byte) 0x80, '\n'}, 0, 9);
      out.print("{\"type\":\"assistant\",\"broken\": \n");
      out.flush();
    }
  }

  /** The turn's text as a line of its own that is not JSON (what a CLI's stray debug print looks like). */
  private void printRaw(String text) {
    synchronized (out) {
      out.print(text + "\n");
      out.flush();
    }
  }

  /** {@code FAKE_CLI_BINARY_KB} (default 1024) KiB of random bytes, newlines among them, then the usual answer. */
  private void printBinary() {
    byte[] noise = new byte[Integer.parseInt(System.getenv().getOrDefault("FAKE_CLI_BINARY_KB", "1024")) * 1024];
    new java.util.Random(42).nextBytes(noise);
    synchronized (out) {
      out.write(noise, 0, noise.length);
      out.print("\n");
      out.flush();
    }
  }

  /**
   * Messages of types a newer CLI might send, then a control request of an unknown subtype; returns what the host
   * answered to it ({@code no reply} after 30 s), so that the test sees every request got an answer.
   */
  private String printUnknownTypes() {
    ObjectNode future = JSON.createObjectNode().put("type", "future_event").put("session_id", sessionId);
    future.putObject("payload").put("x", 1);
    print(future);
    print(JSON.createObjectNode().put("type", "system").put("subtype", "future_subtype").put("session_id", sessionId));
    ObjectNode stream = JSON.createObjectNode().put("type", "stream_event").put("session_id", sessionId);
    stream.putObject("event").put("type", "future_delta");
    print(stream);
    print(assistant(JSON.createObjectNode().put("type", "future_block").put("x", 1)));
    ObjectNode strayResponse = JSON.createObjectNode().put("type", "control_response");
    strayResponse.putObject("response").put("subtype", "success").put("request_id", "never-asked");
    print(strayResponse);
    print(JSON.createObjectNode().put("type", "control_cancel_request").put("request_id", "never-asked"));
    ObjectNode request = JSON.createObjectNode().put("type", "control_request").put("request_id", "future_1");
    request.putObject("request").put("subtype", "future_request");
    print(request);
    JsonNode reply = nextControlReply();
    if (reply == null) {
      return "no reply";
    }
    JsonNode response = reply.path("response");
    return "control reply " + response.path("request_id").asText() + " " + response.path("subtype").asText() + ": "
        + response.path("error").asText("");
  }

  private void printHugeLine() {
    long bytes = megabytes("FAKE_CLI_HUGE_MB", 50);
    byte[] chunk = "x".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
    synchronized (out) {
      out.print("{\"type\":\"assistant\",\"padding\":\"");
      for (long written = 0; written < bytes; written += chunk.length) {
        out.write(chunk, 0, chunk.length);
      }
      out.print("\"}\n");
      out.flush();
    }
  }

  private void printFlood() throws IOException {
    long bytes = megabytes("FAKE_CLI_FLOOD_MB", 200);
    ObjectNode event = JSON.createObjectNode().put("type", "stream_event").put("session_id", sessionId);
    event.putObject("event").put("type", "content_block_delta").putObject("delta").put("type", "text_delta")
        .put("text", "flood ".repeat(160));
    byte[] line = (JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (out) {
      for (long written = 0; written < bytes; written += line.length) {
        out.write(line, 0, line.length);
      }
      out.flush();
    }
  }

  private void spawnDaemons() throws IOException {
    // One grandchild leaves the process group (setsid), one stays in it (nohup); both outlive this turn.
    Process shell = new ProcessBuilder("sh", "-c", "setsid sleep 600 </dev/null >/dev/null 2>&1 &"
        + " nohup sleep 600 </dev/null >/dev/null 2>&1 &").inheritIO().start();
    try {
      shell.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void askPermission() throws IOException {
    JsonNode answer = requestPermission();
    String behavior = answer.path("behavior").asText("none");
    ArrayNode denials = JSON.createArrayNode();
    if (!behavior.equals("allow")) {
      denials.addObject().put("tool_name", "Bash").put("tool_use_id", "toolu_fake_" + permissionRequests)
          .set("tool_input", PERMISSION_INPUT);
    }
    String text = "PERMISSION " + behavior + ": " + answer.path("message").asText("");
    print(assistantText(text));
    print(result("success", false, text, denials));
  }

  /** Announces a Bash call, asks for permission and returns the answer ({@code {}} when none came in 30 s). */
  private JsonNode requestPermission() {
    String toolUseId = "toolu_fake_" + (++permissionRequests);
    ObjectNode input = PERMISSION_INPUT.deepCopy();
    ObjectNode toolUse = JSON.createObjectNode().put("type", "tool_use").put("id", toolUseId).put("name", "Bash");
    toolUse.set("input", input);
    print(assistant(toolUse));
    ObjectNode request = JSON.createObjectNode().put("subtype", "can_use_tool").put("tool_name", "Bash")
        .put("tool_use_id", toolUseId);
    request.set("input", input);
    ObjectNode message = JSON.createObjectNode().put("type", "control_request").put("request_id", "perm_"
        + permissionRequests);
    message.set("request", request);
    print(message);
    JsonNode reply = nextControlReply();
    return reply == null ? JSON.createObjectNode() : reply.path("response").path("response");
  }

  /** The host's next control response, or null when none comes within 30 s. */
  private JsonNode nextControlReply() {
    try {
      return controlReplies.poll(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void printInterrupted() {
    ObjectNode user = JSON.createObjectNode().put("type", "user").put("session_id", sessionId);
    user.putObject("message").put("role", "user").putArray("content").addObject().put("type", "text")
        .put("text", "[Request interrupted by user]");
    print(user);
    print(result("error_during_execution", true, "", JSON.createArrayNode()));
  }

  private ObjectNode init() {
    ObjectNode init = JSON.createObjectNode().put("type", "system").put("subtype", "init")
        .put("cwd", Path.of("").toAbsolutePath().toString()).put("session_id", sessionId)
        .put("model", "fake-model").put("permissionMode", "default");
    init.putArray("tools").add("Bash").add("Read");
    return init;
  }

  private ObjectNode assistantText(String text) {
    return assistant(JSON.createObjectNode().put("type", "text").put("text", text));
  }

  private ObjectNode assistant(ObjectNode content) {
    ObjectNode message = JSON.createObjectNode().put("type", "assistant").put("session_id", sessionId);
    ObjectNode body = message.putObject("message").put("role", "assistant").put("model", "fake-model");
    body.putArray("content").add(content);
    return message;
  }

  private ObjectNode result(String subtype, boolean isError, String text, ArrayNode denials) {
    ObjectNode result = JSON.createObjectNode().put("type", "result").put("subtype", subtype)
        .put("is_error", isError).put("result", text).put("session_id", sessionId).put("num_turns", 1)
        .put("duration_ms", 1).put("duration_api_ms", 1).put("total_cost_usd", isError ? 0 : 0.0008)
        .put("stop_reason", isError ? null : "end_turn");
    result.putObject("usage").put("input_tokens", isError ? 0 : 100).put("output_tokens", isError ? 0 : 20)
        .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", 0);
    result.set("permission_denials", denials);
    return result;
  }

  private static long megabytes(String variable, long defaultValue) {
    return Long.parseLong(System.getenv().getOrDefault(variable, String.valueOf(defaultValue))) * 1024 * 1024;
  }

  private void print(JsonNode message) {
    try {
      byte[] line = (JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
      synchronized (out) {
        out.write(line, 0, line.length);
        out.flush();
      }
    } catch (IOException e) {
      System.err.println("fake-agent: cannot print: " + e);
    }
  }
}
