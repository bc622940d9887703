package dev.hotplex.bench.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The folder of results files: {@code <bench>.json} per benchmark run, and JMH's own {@code jmh.json}. */
public final class ResultStore {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;

  public ResultStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path write(RunRecord record) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(record.bench() + ".json");
    JSON.writeValue(file.toFile(), record);
    return file;
  }

  /** The last run of {@code bench}, if one was recorded. */
  public Optional<RunRecord> read(String bench) throws IOException {
    Path file = dir.resolve(bench + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(JSON.readValue(file.toFile(), RunRecord.class));
  }

  /** JMH's results file ({@code -rf json -rff}). */
  public Path jmhFile() {
    return dir.resolve("jmh.json");
  }
}
