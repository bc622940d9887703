package dev.hotplex.provider.acp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.provider.AgentProtocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded ACP wire transcript of a real agent ({@code src/test/resources/transcripts}), replayed against an
 * {@link AcpProtocol}. The host's recorded requests that a caller starts ({@code initialize}, {@code session/prompt},
 * {@code session/cancel}) become calls on the protocol; every recorded host line must then equal (as JSON) the next
 * line the protocol wrote, whether it wrote it for that call or on its own (e.g. {@code session/new} after the
 * {@code initialize} result, or a permission answer). The agent's lines are fed to {@link AgentProtocol#onLine}.
 */
final class AcpTranscript {
  record Entry(boolean fromHost, JsonNode message) {}

  private final List<Entry> entries;

  private AcpTranscript(List<Entry> entries) {
    this.entries = entries;
  }

  static AcpTranscript load(String name) {
    String resource = "/transcripts/" + name + ".jsonl";
    try (InputStream in = AcpTranscript.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      List<Entry> entries = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        JsonNode record = AcpPeer.parse(line);
        entries.add(new Entry("in".equals(record.path("dir").asText()), record.path("msg")));
      }
      return new AcpTranscript(entries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void replay(AgentProtocol protocol, AcpPeer peer) {
    int checked = 0;
    for (Entry entry : entries) {
      JsonNode message = entry.message();
      if (!entry.fromHost()) {
        protocol.onLine(message.toString());
        continue;
      }
      switch (message.path("method").asText("")) {
        case "initialize" -> protocol.start();
        case "session/prompt" -> protocol.sendUserTurn(message.path("params").path("prompt").path(0).path("text")
            .asText());
        case "session/cancel" -> protocol.interrupt();
        default -> { } // written by the protocol on its own
      }
      assertThat(peer.sent).as("lines written so far").hasSizeGreaterThan(checked);
      assertThat((Object) peer.sentJson(checked)).as("host line %d", checked).isEqualTo(message);
      checked++;
    }
    assertThat(peer.sent).as("every written line was recorded").hasSize(checked);
  }
}
