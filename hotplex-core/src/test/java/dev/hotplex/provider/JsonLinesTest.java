package dev.hotplex.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.event.AgentEvent;
import dev.hotplex.event.AgentEvents;
import dev.hotplex.event.TurnResult;
import dev.hotplex.policy.PermissionDecision;
import dev.hotplex.policy.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JsonLinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<AgentEvent> events = new ArrayList<>();
  private final ProtocolPeer peer = new ProtocolPeer() {
    @Override
    public void send(String line) {}

    @Override
    public void emit(AgentEvent event) {
      events.add(event);
    }

    @Override
    public void turnCompleted(TurnResult result) {}

    @Override
    public CompletionStage<PermissionDecision> requestPermission(ToolCall call) {
      return CompletableFuture.completedFuture(PermissionDecision.allow());
    }
  };

  @Test
  void objectsAreReadAndBlankLinesSkippedSilently() {
    assertThat(JsonLines.readObject("{\"type\":\"x\"}", JSON, "Agent", peer)).get()
        .satisfies(node -> assertThat(node.path("type").asText()).isEqualTo("x"));
    assertThat(JsonLines.readObject("   ", JSON, "Agent", peer)).isEmpty();
    assertThat(events).isEmpty();
  }

  @Test
  void agentMappersKeepParseBuffersInOneBoundedPoolNotOnePerReaderThread() throws Exception {
    ObjectMapper mapper = JsonLines.newMapper();
    RecyclerPool<BufferRecycler> pool = mapper.getFactory()._getRecyclerPool();
    assertThat(JsonLines.newMapper().getFactory()._getRecyclerPool()).isSameAs(pool);

    List<Thread> readers = new ArrayList<>();
    AtomicInteger parsed = new AtomicInteger();
    for (int i = 0; i < 50; i++) {
      Thread reader = new Thread(() -> JsonLines.readObject("{\"type\":\"x\"}", mapper, "Agent", peer)
          .ifPresent(line -> parsed.incrementAndGet()));
      reader.start();
      readers.add(reader);
    }
    for (Thread reader : readers) {
      reader.join();
    }
    assertThat(parsed).hasValue(50);
    assertThat(pool.pooledCount()).isBetween(1, 2 * Runtime.getRuntime().availableProcessors());
    assertThat(mapper.writeValueAsString(mapper.readTree("{\"a\":[1,\"b\"]}"))).isEqualTo("{\"a\":[1,\"b\"]}");
  }

  @Test
  void anythingElseBecomesAnErrorEventQuotingAShortenedLine() {
    String longGarbage = "<" + "y".repeat(5000);

    assertThat(JsonLines.readObject(longGarbage, JSON, "Agent", peer)).isEmpty();
    assertThat(JsonLines.readObject("[1,2]", JSON, "Agent", peer)).isEmpty();

    assertThat(events).extracting(e -> ((AgentEvents.Error) e).message()).satisfiesExactly(
        first -> assertThat(first).startsWith("Agent printed a line").contains("invalid JSON", "5001 characters")
            .hasSizeLessThan(JsonLines.EXCERPT_CHARS + 200),
        second -> assertThat(second).contains("not a JSON object", "[1,2]"));
  }
}
