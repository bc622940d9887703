package dev.hotplex.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.policy.Decision;
import dev.hotplex.policy.Policy;
import dev.hotplex.policy.PolicyEngine;
import dev.hotplex.policy.PolicyFileException;
import dev.hotplex.policy.PolicyVerdict;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.policy.ToolKind;
import dev.hotplex.provider.ProviderRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotplex policy check}: evaluates tool calls against the policy without running anything.
 *
 * <p>Single checks ({@code --command}, {@code --tool/--input}) print one JSON object
 * {@code {"decision":"allow"|"deny"|"ask","rule":...,"reason":...}} and exit 0 on allow, 1 on deny or ask.
 * {@code --batch FILE} ({@code -} for stdin) reads NDJSON lines {@code {"tool":"Bash","input":{...}}} and prints
 * one object per line, in order; a malformed line prints {@code {"decision":"error","line":N,"reason":...}}.
 * The batch exits 2 when a line was malformed, else 1 when any call was denied or asked, else 0. A broken
 * policy file exits 2 with its file, line and column on stderr. Tool names are the {@code --provider}'s own, mapped
 * as its protocol maps them at run time; a name the provider does not have is a malformed input.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Evaluate tool calls against the policy without running anything.")
public final class PolicyCheckCommand implements Callable<Integer> {
  static final int EXIT_ALLOW = 0;
  static final int EXIT_DENY = 1;
  static final int EXIT_ERROR = 2;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--provider", paramLabel = "ID", defaultValue = "claude",
      description = "Whose tool names and input fields --tool and --batch use: claude (Bash, Read, Write, Edit, ...),"
          + " codex (exec_command, apply_patch), gemini (run_shell_command, read_file, ...), opencode (bash, read,"
          + " ...); a name the provider does not have is an error (default: ${DEFAULT-VALUE}).")
  String provider;

  @Option(names = "--work-dir", required = true, paramLabel = "DIR",
      description = "The workspace the agent works in (the jail root and the working directory).")
  Path workDir;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "A policy file (YAML or JSON) applied on top of the shipped defaults.")
  Path policyFile;

  @Option(names = "--home", paramLabel = "DIR",
      description = "What ~ means for the agent (default: this user's home).")
  Path home;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @Option(names = "--command", paramLabel = "CMD", description = "A shell command line to check.")
    String command;

    @ArgGroup(exclusive = false)
    ToolInput tool;

    @Option(names = "--batch", paramLabel = "FILE",
        description = "NDJSON file of {\"tool\":NAME,\"input\":{...}} lines, or - for stdin.")
    String batch;
  }

  static final class ToolInput {
    @Option(names = "--tool", required = true, paramLabel = "NAME", description = "A tool name, e.g. Read.")
    String name;

    @Option(names = "--input", required = true, paramLabel = "JSON", description = "The tool's input object.")
    String json;
  }

  /** Turns a provider's tool name and input into a {@link ToolCall}. */
  @FunctionalInterface
  interface ToolCallNormalizer {
    ToolCall normalize(String toolName, JsonNode input, Path cwd);
  }

  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final ToolCallNormalizer normalizer;

  public PolicyCheckCommand() {
    this(System.out, System.err, System.in);
  }

  /** A command writing to {@code out} and {@code err} and reading {@code --batch -} from {@code in}. */
  public PolicyCheckCommand(PrintStream out, PrintStream err, InputStream in) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.normalizer = (name, input, cwd) -> requireFields(
        ProviderRegistry.load().get(provider).toolCall(name, input, cwd));
  }

  @Override
  public Integer call() {
    PolicyEngine engine;
    Path cwd = workDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(cwd)) {
      err.println("hotplex policy check: --work-dir " + workDir + " is not a directory");
      return EXIT_ERROR;
    }
    if (!ProviderRegistry.load().ids().contains(provider)) {
      err.println("hotplex policy check: unknown --provider '" + provider + "'; known: "
          + ProviderRegistry.load().ids());
      return EXIT_ERROR;
    }
    try {
      Policy policy = Policy.load(policyFile);
      engine = new PolicyEngine(policy, cwd, home != null ? home : Path.of(System.getProperty("user.home")));
    } catch (PolicyFileException | IllegalArgumentException e) {
      err.println("hotplex policy check: " + e.getMessage());
      return EXIT_ERROR;
    }
    if (input.batch != null) {
      return batch(engine, cwd);
    }
    ToolCall call;
    try {
      call = input.command != null
          ? normalizer.normalize(shellTool(), JSON.createObjectNode().put("command", input.command), cwd)
          : normalizer.normalize(input.tool.name, parseObject(input.tool.json), cwd);
    } catch (IllegalArgumentException e) {
      err.println("hotplex policy check: " + e.getMessage());
      return EXIT_ERROR;
    }
    noteUnmodelled(call);
    PolicyVerdict verdict = engine.evaluate(call);
    out.println(verdictJson(verdict));
    return verdict.decision() == Decision.ALLOW ? EXIT_ALLOW : EXIT_DENY;
  }

  private int batch(PolicyEngine engine, Path cwd) {
    int exit = EXIT_ALLOW;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        input.batch.equals("-") ? in : Files.newInputStream(Path.of(input.batch)), StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode entry = parseObject(line);
          JsonNode tool = entry.get("tool");
          if (tool == null || !tool.isTextual()) {
            throw new IllegalArgumentException("each line needs a \"tool\" name, e.g. {\"tool\":\"Bash\","
                + "\"input\":{\"command\":\"ls\"}}");
          }
          JsonNode toolInput = entry.get("input");
          if (toolInput == null || !toolInput.isObject()) {
            throw new IllegalArgumentException("each line needs an \"input\" object");
          }
          ToolCall call = normalizer.normalize(tool.asText(), toolInput, cwd);
          noteUnmodelled(call);
          PolicyVerdict verdict = engine.evaluate(call);
          out.println(verdictJson(verdict));
          if (verdict.decision() != Decision.ALLOW && exit == EXIT_ALLOW) {
            exit = EXIT_DENY;
          }
        } catch (IllegalArgumentException e) {
          ObjectNode error = JSON.createObjectNode().put("decision", "error").put("line", number)
              .put("reason", e.getMessage());
          out.println(error);
          exit = EXIT_ERROR;
        }
      }
    } catch (IOException e) {
      err.println("hotplex policy check: cannot read " + input.batch + ": " + e.getMessage());
      return EXIT_ERROR;
    }
    return exit;
  }

  private String shellTool() {
    String name = ProviderRegistry.load().get(provider).shellToolName();
    if (name == null) {
      throw new IllegalArgumentException(provider + " names no shell tool; use --tool and --input");
    }
    return name;
  }

  /** A call the policy does not model is judged only by rules naming the tool: say so rather than allow silently. */
  private void noteUnmodelled(ToolCall call) {
    if (call.kind() == ToolKind.OTHER) {
      err.println("hotplex policy check: note: " + provider + " tool '" + call.toolName() + "' is not a shell,"
          + " file or fetch tool; only rules that name it judge it");
    }
  }

  private static ObjectNode verdictJson(PolicyVerdict verdict) {
    ObjectNode node = JSON.createObjectNode().put("decision", verdict.decision().id());
    node.put("rule", verdict.ruleId());
    node.put("reason", verdict.reason());
    return node;
  }

  private static JsonNode parseObject(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("expected a JSON object, got: " + abbreviate(text));
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }

  /** A call the policy could only guess at is an input error: say which field is missing. */
  private static ToolCall requireFields(ToolCall call) {
    String missing = switch (call.kind()) {
      case SHELL -> call.command() == null ? "command" : null;
      case READ, WRITE, EDIT -> call.paths().isEmpty() ? "file path" : null;
      case FETCH -> call.urls().isEmpty() && "WebFetch".equals(call.toolName()) ? "url" : null;
      default -> null;
    };
    if (missing != null) {
      throw new IllegalArgumentException(call.toolName() + " input has no " + missing + " (use the provider's"
          + " own input fields, e.g. claude Bash {\"command\"}, Read {\"file_path\"}, WebFetch {\"url\"};"
          + " opencode read {\"filePath\"})");
    }
    return call;
  }
}
