package dev.hotplex.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded wire transcript of the real {@code codex app-server} 0.169.0 ({@code src/test/resources/transcripts}),
 * replayed against a {@link CodexProtocol}: the app-server's lines ("out") are fed to {@code onLine}; the host's
 * recorded lines ("in") are either calls on the protocol ({@code initialize} is {@code start()}, {@code turn/start}
 * is {@code sendUserTurn}) or lines the protocol must have written by itself, and each must equal, as JSON, the
 * line the protocol wrote at that position (apart from {@code clientInfo}, which names hotplex).
 */
final class CodexTranscript {
  record Entry(boolean fromHost, JsonNode message) {}

  final List<Entry> entries;

  private CodexTranscript(List<Entry> entries) {
    this.entries = entries;
  }

  static CodexTranscript load(String name) {
    String resource = "/transcripts/" + name + ".jsonl";
    try (InputStream in = CodexTranscript.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      List<Entry> entries = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          JsonNode record = CodexPeer.parse(line);
          entries.add(new Entry("in".equals(record.path("dir").asText()), record.path("msg")));
        }
      }
      return new CodexTranscript(entries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The app-server's lines up to (not including) the first one with this method. */
  List<String> outputBefore(String method) {
    List<String> lines = new ArrayList<>();
    for (Entry entry : entries) {
      if (!entry.fromHost()) {
        if (method.equals(entry.message().path("method").asText())) {
          return lines;
        }
        lines.add(entry.message().toString());
      }
    }
    throw new IllegalArgumentException("the transcript has no " + method);
  }

  void replay(CodexProtocol protocol, CodexPeer peer) {
    int written = 0;
    for (Entry entry : entries) {
      JsonNode message = entry.message();
      if (!entry.fromHost()) {
        protocol.onLine(message.toString());
        continue;
      }
      String method = message.path("method").asText();
      if ("initialize".equals(method)) {
        protocol.start();
      } else if ("turn/start".equals(method)) {
        protocol.sendUserTurn(message.path("params").path("input").path(0).path("text").asText());
      } else if ("turn/interrupt".equals(method)) {
        protocol.interrupt();
      }
      assertThat(peer.sent).as("lines written by the protocol").hasSizeGreaterThan(written);
      assertThat((Object) withoutClientInfo(peer.sentJson(written))).isEqualTo(withoutClientInfo(message));
      written++;
    }
    assertThat(peer.sent).as("lines written beyond the recording").hasSize(written);
  }

  private static JsonNode withoutClientInfo(JsonNode message) {
    ObjectNode copy = message.deepCopy();
    if (copy.path("params").isObject()) {
      ((ObjectNode) copy.path("params")).remove("clientInfo");
    }
    return copy;
  }
}
