package dev.hotplex.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite's published numbers. Each test class fills one {@link Table} (one row per variant: trials, failures,
 * leftovers, leaks, memory ...) and writes it when it ends; every write regenerates
 * {@code target/reliability/figures.json} (all tables, machine readable) and {@code tables.md} (the Markdown
 * that {@code scripts/reliability} splices into docs/reliability.md) from the tables written so far.
 */
final class Figures {
  static final Path OUT = Path.of(System.getProperty("hotplex.reliability.out", "target/reliability"));
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Figures() {}

  /**
   * A table of one test class.
   *
   * @param order where it appears in the docs, smallest first
   */
  static Table table(int order, String id, String title, String... columns) {
    return new Table(order, id, title, List.of(columns));
  }

  /**
   * Rows of numbers under fixed columns; thread-safe. Register it on its test class
   * ({@code @RegisterExtension static final Figures.Table TABLE = ...}) to have it written when the class ends.
   */
  static final class Table implements AfterAllCallback {
    private final int order;
    private final String id;
    private final String title;
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    private Table(int order, String id, String title, List<String> columns) {
      this.order = order;
      this.id = id;
      this.title = title;
      this.columns = columns;
    }

    /** Adds a row; one value per column, in order. */
    synchronized void row(Object... values) {
      if (values.length != columns.size()) {
        throw new IllegalArgumentException(id + ": " + columns.size() + " columns, " + values.length + " values");
      }
      rows.add(List.of(values));
    }

    @Override
    public void afterAll(ExtensionContext context) {
      write();
    }

    /** Writes this table and regenerates figures.json and tables.md. */
    synchronized void write() {
      ObjectNode json = JSON.createObjectNode().put("order", order).put("id", id).put("title", title)
          .put("mode", Trials.MODE).put("written", Instant.now().toString());
      json.putPOJO("columns", columns);
      ArrayNode data = json.putArray("rows");
      for (List<Object> row : rows) {
        data.addPOJO(row);
      }
      json.set("machine", machine());
      try {
        Path tables = Files.createDirectories(OUT.resolve("tables"));
        Files.writeString(tables.resolve(id + ".json"), JSON.writeValueAsString(json), StandardCharsets.UTF_8);
        regenerate(tables);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the reliability figures under " + OUT, e);
      }
    }
  }

  private static ObjectNode machine() {
    ObjectNode machine = JSON.createObjectNode()
        .put("cores", Runtime.getRuntime().availableProcessors())
        .put("java", System.getProperty("java.version"))
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    try {
      machine.put("loadavg", Files.readString(Path.of("/proc/loadavg")).strip());
    } catch (IOException e) {
      machine.put("loadavg", "unknown");
    }
    return machine;
  }

  private static void regenerate(Path tables) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(tables)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        all.add(JSON.readTree(file.toFile()));
      }
    }
    all.sort(Comparator.comparingInt((JsonNode t) -> t.path("order").asInt())
        .thenComparing(t -> t.path("id").asText()));
    ObjectNode figures = JSON.createObjectNode().put("generated", Instant.now().toString());
    figures.putArray("tables").addAll(all);
    Files.writeString(OUT.resolve("figures.json"), JSON.writeValueAsString(figures), StandardCharsets.UTF_8);
    Files.writeString(OUT.resolve("tables.md"), markdown(all), StandardCharsets.UTF_8);
  }

  private static String markdown(List<JsonNode> tables) {
    StringBuilder md = new StringBuilder();
    for (JsonNode table : tables) {
      JsonNode machine = table.path("machine");
      md.append("#### ").append(table.path("title").asText()).append("\n\n")
          .append("Mode `").append(table.path("mode").asText()).append("`, written ")
          .append(table.path("written").asText(), 0, 16).append("Z on ").append(machine.path("cores").asInt())
          .append(" cores, Java ").append(machine.path("java").asText()).append(", load average at the end ")
          .append(machine.path("loadavg").asText().split(" ")[0]).append(".\n\n|");
      List<String> columns = new ArrayList<>();
      table.path("columns").forEach(column -> columns.add(column.asText()));
      columns.forEach(column -> md.append(' ').append(column).append(" |"));
      md.append("\n|");
      columns.forEach(column -> md.append(" --- |"));
      md.append('\n');
      for (JsonNode row : table.path("rows")) {
        md.append('|');
        row.forEach(cell -> md.append(' ').append(cell.asText().replace("|", "\\|")).append(" |"));
        md.append('\n');
      }
      md.append('\n');
    }
    return md.toString();
  }
}
