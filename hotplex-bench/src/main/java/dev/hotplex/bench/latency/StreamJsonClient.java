package dev.hotplex.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A minimal stream-json client of one CLI process: writes lines to its stdin and reads its stdout on the calling
 * thread until the {@code result} line. No threads, no queues, no policy: the floor any host pays.
 */
final class StreamJsonClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The initialize request hotplex sends at spawn (its catch-all PreToolUse hook), sent here too for parity. */
  static final String INITIALIZE = "{\"type\":\"control_request\",\"request_id\":\"raw_1\",\"request\":"
      + "{\"subtype\":\"initialize\",\"hooks\":{\"PreToolUse\":[{\"matcher\":null,"
      + "\"hookCallbackIds\":[\"hotplex_pre_tool_use\"]}]}}}";
  private static final long EXIT_WAIT_SECONDS = 10;
  private static final String RESULT_TYPE = "\"type\":\"result\"";

  private final Process process;
  private final OutputStream stdin;
  private final BufferedReader stdout;

  private StreamJsonClient(Process process) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts the command and sends {@link #INITIALIZE}, as hotplex does. */
  static StreamJsonClient start(AgentCommand command) throws IOException {
    StreamJsonClient client = new StreamJsonClient(command.processBuilder().start());
    client.writeLine(INITIALIZE);
    return client;
  }

  /**
   * Writes a user message and reads until the result line, which it returns unparsed: the only work inside a timed
   * span is the write, the reads and a substring test. Parse and check it afterwards with {@link #requireEcho}.
   */
  String turn(String prompt) throws IOException {
    writeLine(userMessage(prompt));
    return readResult(stdout, process);
  }

  /**
   * Reads lines until the {@code result} message (its {@code "type":"result"} pair; the CLI prints compact JSON).
   *
   * @throws IOException when the process ends first
   */
  static String readResult(BufferedReader stdout, Process process) throws IOException {
    String line;
    while ((line = stdout.readLine()) != null) {
      if (line.contains(RESULT_TYPE)) {
        return line;
      }
    }
    throw new IOException("the CLI (pid " + process.pid() + ") ended its output before a result");
  }

  /** Checks a result line: a result, no error, and the fake model's echo of the prompt. */
  static void requireEcho(String resultLine, String prompt) throws IOException {
    JsonNode result = JSON.readTree(resultLine);
    String expected = "ECHO: " + prompt;
    if (!"result".equals(result.path("type").asText()) || result.path("is_error").asBoolean(true)
        || !expected.equals(result.path("result").asText())) {
      throw new IOException("the turn failed or answered something else: " + resultLine);
    }
  }

  /** The user message, written as the raw driver's own literal (it shares no code with hotplex). */
  static String userMessage(String prompt) throws IOException {
    return "{\"type\":\"user\",\"session_id\":\"\",\"parent_tool_use_id\":null,\"message\":{\"role\":\"user\","
        + "\"content\":[{\"type\":\"text\",\"text\":" + JSON.writeValueAsString(prompt) + "}]}}";
  }

  private void writeLine(String line) throws IOException {
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  long pid() {
    return process.pid();
  }

  /** Closes stdin and waits for the exit; kills the process if it does not exit in time. */
  @Override
  public void close() {
    stop(process);
  }

  /** Closes the process's stdin, waits (bounded) for it to exit, and kills it and its children if it does not. */
  static void stop(Process process) {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
