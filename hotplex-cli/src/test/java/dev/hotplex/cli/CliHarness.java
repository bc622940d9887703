package dev.hotplex.cli;

import dev.hotplex.event.AgentEvent;
import dev.hotplex.provider.AgentProtocol;
import dev.hotplex.provider.AgentProvider;
import dev.hotplex.provider.AgentSettings;
import dev.hotplex.provider.LaunchSpec;
import dev.hotplex.provider.ProtocolPeer;
import dev.hotplex.provider.ProviderRegistry;
import dev.hotplex.session.Session;
import dev.hotplex.session.SessionOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Runs the {@code hotplex} command in-process against {@link ScriptedSession}s and captures what it prints. */
final class CliHarness {
  final List<SessionOptions> opened = new ArrayList<>();
  final List<ScriptedSession> sessions = new ArrayList<>();
  private final Map<String, String> environment;
  private final Path projectDir;
  private Function<String, List<AgentEvent>> script = ScriptedSession::echo;
  private Function<SessionOptions, Session> opener = this::openScripted;

  CliHarness(Map<String, String> environment, Path projectDir) {
    this.environment = environment;
    this.projectDir = projectDir;
  }

  /** Answers prompts with this script. */
  CliHarness script(Function<String, List<AgentEvent>> value) {
    script = value;
    return this;
  }

  /** Opens sessions this way instead (e.g. throwing). */
  CliHarness opener(Function<SessionOptions, Session> value) {
    opener = value;
    return this;
  }

  private Session openScripted(SessionOptions options) {
    ScriptedSession session = new ScriptedSession(options, script);
    sessions.add(session);
    return session;
  }

  Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(environment, projectDir, ProviderRegistry.of(new NamedProvider()),
        options -> {
          opened.add(options);
          return opener.apply(options);
        });
    int status = HotplexMain.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
    return new Outcome(status, out.toString(), err.toString());
  }

  /** What a run printed and returned. */
  record Outcome(int status, String out, String err) {}

  /** A provider that only names itself like the Claude one: sessions are scripted, so it never launches. */
  static final class NamedProvider implements AgentProvider {
    @Override
    public String id() {
      return "claude";
    }

    @Override
    public String executableName() {
      return "claude";
    }

    @Override
    public String npmPackage() {
      return "@anthropic-ai/claude-code";
    }

    @Override
    public String apiKeyVariable() {
      return "ANTHROPIC_API_KEY";
    }

    @Override
    public LaunchSpec launchSpec(AgentSettings settings) {
      throw new UnsupportedOperationException("scripted sessions launch nothing");
    }

    @Override
    public AgentProtocol newProtocol(AgentSettings settings, ProtocolPeer peer) {
      throw new UnsupportedOperationException("scripted sessions launch nothing");
    }
  }
}
