package dev.hotplex.cli;

import dev.hotplex.client.HotplexClient;
import dev.hotplex.client.HotplexClientException;
import dev.hotplex.client.SessionInfo;
import dev.hotplex.client.SessionSpec;
import dev.hotplex.event.EventJson;
import dev.hotplex.event.EventRenderer;
import dev.hotplex.event.TurnResult;
import dev.hotplex.server.HotplexServer;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hotplex send}: prompts to a session of a running daemon, streamed like {@code hotplex run}. */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Sends the prompts, one after another, to a session of a running 'hotplex serve' daemon and streams what"
            + " the agent does, like 'hotplex run'. The session is re-used by name, so later sends find it warm.",
        "Stops at the first prompt that fails. A lost connection is re-attached where it broke."},
    footer = {"", "Examples:",
        "  hotplex send --state-dir /var/lib/hotplex --session review --work-dir repo 'Review the last commit'",
        "  hotplex send --connect http://127.0.0.1:7777 --token-file ~/.hotplex/daemon/token 'Hello'"})
final class SendCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Target target = new Target();

  static final class Target {
    @Option(names = "--connect", paramLabel = "URL", required = true,
        description = "The daemon's address, like http://127.0.0.1:7777 (needs --token-file).")
    URI connect;

    @Option(names = "--state-dir", paramLabel = "DIR", required = true,
        description = "Find the daemon through <DIR>/daemon.json (default: ~/.hotplex/daemon).")
    Path stateDir = HotplexServer.DEFAULT_STATE_DIR;
  }

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "The daemon's token file (with --connect; default: the one named in daemon.json).")
  Path tokenFile;

  @Option(names = "--session", paramLabel = "NAME", defaultValue = "cli",
      description = "The session to create or re-use (default: ${DEFAULT-VALUE}).")
  String session;

  @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "cli",
      description = "The session's scope (default: ${DEFAULT-VALUE}).")
  String scope;

  @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".",
      description = "The agent's working directory when the session is new (default: the current directory).")
  Path workDir;

  @Option(names = "--provider", paramLabel = "ID", description = "The agent CLI (default: the daemon's, claude).")
  String provider;

  @Option(names = "--allowed-tools", paramLabel = "PATTERNS",
      description = "Tool calls to allow when the session is new, as for 'hotplex run' (default: none).")
  List<String> allowedTools = new ArrayList<>();

  @Option(names = "--disallowed-tools", paramLabel = "PATTERNS",
      description = "Tool calls to always deny when the session is new (default: none).")
  List<String> disallowedTools = new ArrayList<>();

  @Mixin
  OutputOptions output;

  @Parameters(paramLabel = "PROMPT", arity = "1..*", description = "The prompts, in order.")
  List<String> prompts;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (HotplexClient client = connect()) {
      SessionSpec request = SessionSpec.named(session).scope(scope).workDir(workDir).allowedTools(allowedTools)
          .disallowedTools(disallowedTools);
      SessionInfo info = client.createOrReuseSession(provider == null ? request : request.provider(provider));
      if (provider != null && !provider.equals(info.provider())) {
        throw usage("session '" + session + "' runs provider " + info.provider() + ", not " + provider
            + "; pick another --session name");
      }
      for (int i = 0; i < prompts.size(); i++) {
        EventRenderer renderer = output.renderer();
        int turn = client.startTurn(info.id(), prompts.get(i));
        TurnResult result = client.streamEvents(info.id(), turn, 0, (seq, event) -> {
          out.print(output.json ? EventJson.toNdjsonLine(event) : renderer.render(event));
          out.flush();
        });
        if (!output.json) {
          out.print(renderer.finish());
          out.flush();
        }
        if (result.isError()) {
          int skipped = prompts.size() - i - 1;
          if (skipped > 0) {
            err.println("[hotplex] stopped: prompt " + (i + 1) + " failed, so the remaining " + skipped
                + " prompt(s) did not run");
          }
          return HotplexMain.EXIT_TURN_FAILED;
        }
      }
      return HotplexMain.EXIT_OK;
    } catch (HotplexClientException e) {
      err.println("hotplex: " + e.getMessage());
      return HotplexMain.EXIT_ERROR;
    }
  }

  private HotplexClient connect() throws Exception {
    if (target.connect == null) {
      return HotplexClient.discover(target.stateDir);
    }
    if (tokenFile == null) {
      throw usage("--connect needs --token-file (the daemon's token file); or use --state-dir to discover both");
    }
    try {
      return HotplexClient.connect(target.connect, Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
