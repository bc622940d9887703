package dev.hotplex.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.policy.DecisionListener;
import dev.hotplex.policy.ToolCall;
import dev.hotplex.secrets.SecretMasker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Writes every permission decision as one JSON line to a file the caller chooses, and keeps the counts for an
 * {@link AuditSummary}.
 *
 * <pre>{@code
 * try (AuditLog audit = AuditLog.open(Path.of("build/hotplex-audit.jsonl"), masker)) {
 *   audit.record(AuditRecord.of(sessionId, turn, call, decision));
 *   audit.summary().lines().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>A line: {@code {"time":"2026-11-24T09:00:00Z","session":"s1","turn":1,"tool":"Bash","toolUseId":"t1",
 * "kind":"SHELL","input":{"command":"git push","paths":[],"urls":[],"raw":{...}},"decision":"deny",
 * "rule":"tools.not-allowed","reason":"..."}}.
 *
 * <p>Every string in the line (and any number that spells a secret) passes through the {@link SecretMasker} first,
 * so a secret is never written. The file is appended to, never truncated; each line is handed to the operating
 * system in one write before {@link #record} returns, so it survives a crash of this JVM (set
 * {@value #SYNC_PROPERTY}{@code =true} to also survive a power loss, at the cost of a disk sync per line).
 * Thread-safe: concurrent callers produce whole lines.
 */
public final class AuditLog implements AutoCloseable {

  /** System property: sync each line to disk (default false). */
  public static final String SYNC_PROPERTY = "hotplex.audit.sync";

  /** Denied calls listed in the summary (default 100; system property {@code hotplex.audit.maxListedDenials}). */
  public static final int MAX_LISTED_DENIALS = Integer.getInteger("hotplex.audit.maxListedDenials", 100);

  /** Longest short input shown in a summary line (default 120 characters). */
  static final int SHORT_INPUT_LENGTH = 120;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final SecretMasker masker;
  private final FileChannel channel;
  private int allowed;
  private int denied;
  private int asked;
  private final List<AuditSummary.DeniedCall> denials = new ArrayList<>();
  private int unrecorded;
  private String firstFailure;
  private boolean closed;

  private AuditLog(Path file, SecretMasker masker, FileChannel channel) {
    this.file = file;
    this.masker = masker;
    this.channel = channel;
  }

  /**
   * Opens (creating it and its parent directories if needed) the audit log at {@code file}, for appending.
   *
   * @throws AuditLogException naming the file and the cause when it cannot be created or written
   */
  public static AuditLog open(Path file, SecretMasker masker) {
    Objects.requireNonNull(masker, "masker");
    Path target = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    List<OpenOption> options = new ArrayList<>(
        List.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    if (Boolean.getBoolean(SYNC_PROPERTY)) {
      options.add(StandardOpenOption.DSYNC);
    }
    Path parent = target.getParent();
    try {
      if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
        throw new IOException(parent + " is a file, not a directory");
      }
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new AuditLog(target, masker, FileChannel.open(target, options.toArray(OpenOption[]::new)));
    } catch (IOException e) {
      throw new AuditLogException("Cannot open the audit log " + target + " for writing (" + describe(e)
          + "). Choose a writable location for the audit log.", e);
    }
  }

  private static String describe(IOException e) {
    String kind = e.getClass() == IOException.class ? "" : e.getClass().getSimpleName() + ": ";
    return kind + e.getMessage();
  }

  /** The file this log writes to. */
  public Path file() {
    return file;
  }

  /**
   * Writes {@code record} as one masked JSON line and counts it.
   *
   * @throws AuditLogException if the line cannot be written (disk full, file gone): the decision is then not
   *     audited, and callers that must audit should stop
   */
  public synchronized void record(AuditRecord record) {
    if (closed) {
      throw new AuditLogException("The audit log " + file + " is closed; a decision was not recorded.", null);
    }
    byte[] line = (toJson(record) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      AuditLogException failure = new AuditLogException("Cannot write to the audit log " + file + " ("
          + describe(e) + ").", e);
      unrecorded++;
      if (firstFailure == null) {
        firstFailure = failure.getMessage();
      }
      throw failure;
    }
    count(record);
  }

  /** How many decisions could not be written (each of those calls was denied by its policed session). */
  public synchronized int unrecorded() {
    return unrecorded;
  }

  /** The first write failure, e.g. {@code Cannot write to the audit log ... (No space left on device).}. */
  public synchronized Optional<String> firstFailure() {
    return Optional.ofNullable(firstFailure);
  }

  /**
   * A listener that records every decision of a policed session here, as made during turn {@code turn.getAsInt()}
   * of session {@code session}. If a line cannot be written, the listener throws and the policy denies the call.
   */
  public DecisionListener listenerFor(String session, IntSupplier turn) {
    return decided -> record(new AuditRecord(decided.time(), session, turn.getAsInt(), decided.call(),
        decided.decision().name().toLowerCase(Locale.ROOT), decided.ruleId(), decided.reason()));
  }

  private void count(AuditRecord record) {
    switch (record.decision()) {
      case AuditRecord.ALLOW -> allowed++;
      case AuditRecord.ASK -> asked++;
      default -> {
        denied++;
        if (denials.size() < MAX_LISTED_DENIALS) {
          denials.add(new AuditSummary.DeniedCall(record.call().toolName(), shortInput(record.call()),
              masker.mask(record.rule()), masker.mask(record.reason())));
        }
      }
    }
  }

  /** The counts and denied calls recorded since this log was opened. */
  public synchronized AuditSummary summary() {
    return new AuditSummary(allowed, denied, asked, denials, denied - denials.size());
  }

  /** Closes the file; the summary stays available. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      throw new AuditLogException("Cannot close the audit log " + file + " (" + describe(e) + ").", e);
    }
  }

  private String toJson(AuditRecord record) {
    ToolCall call = record.call();
    ObjectNode line = JSON.createObjectNode();
    line.put("time", record.time().toString());
    line.put("session", record.session());
    line.put("turn", record.turn());
    line.put("tool", call.toolName());
    line.put("toolUseId", call.toolUseId());
    line.put("kind", call.kind() == null ? null : call.kind().name());
    ObjectNode input = line.putObject("input");
    input.put("command", call.command());
    ArrayNode paths = input.putArray("paths");
    call.paths().forEach(paths::add);
    ArrayNode urls = input.putArray("urls");
    call.urls().forEach(urls::add);
    input.set("raw", call.input());
    line.put("decision", record.decision());
    line.put("rule", record.rule());
    line.put("reason", record.reason());
    try {
      return JSON.writeValueAsString(masker.mask(line));
    } catch (JsonProcessingException e) {
      throw new AuditLogException("Cannot serialize an audit record for " + file + " (" + e.getOriginalMessage()
          + ").", e);
    }
  }

  private String shortInput(ToolCall call) {
    String text;
    if (call.command() != null) {
      text = call.command();
    } else if (!call.paths().isEmpty()) {
      text = String.join(", ", call.paths());
    } else if (!call.urls().isEmpty()) {
      text = String.join(", ", call.urls());
    } else {
      JsonNode raw = call.input();
      text = raw == null ? "" : raw.toString();
    }
    // Mask before cutting, so a cut cannot leave a recognisable half of a secret.
    String masked = masker.mask(text);
    return masked.length() <= SHORT_INPUT_LENGTH ? masked : masked.substring(0, SHORT_INPUT_LENGTH - 3) + "...";
  }
}
