package dev.proximity.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proximity.internal.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;

/**
 * Appends each {@link AuditEvent} as one JSON object per line to a file and forces it to disk
 * before returning, so an event that was recorded survives a crash.
 *
 * <p>Fields: {@code time} (ISO-8601), {@code actor}, {@code node}, {@code vmid}, {@code app},
 * {@code command}, {@code parameters} (object), {@code outcome}, {@code exitCode},
 * {@code durationMs}, {@code outputBytes}, {@code detail}. Thread-safe: lines from concurrent
 * calls never interleave. Close it to release the file.
 *
 * <pre>{@code
 * try (JsonLinesAuditSink audit = JsonLinesAuditSink.open(Path.of("/var/log/proximity/audit.jsonl"))) {
 *   SafeCommands.run(shell, 101, SafeCommand.parse("logs", Map.of("tail", "50")), "alice", audit);
 * }
 * }</pre>
 */
public final class JsonLinesAuditSink implements AuditSink, AutoCloseable {
  private final Path file;
  private final FileChannel channel;

  private JsonLinesAuditSink(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /**
   * Opens a file for appending, creating it (and its directory) when missing.
   *
   * @param file the audit file
   * @return the sink
   * @throws AuditException if the file cannot be opened
   */
  public static JsonLinesAuditSink open(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new JsonLinesAuditSink(file, channel);
    } catch (IOException e) {
      throw new AuditException("cannot open the audit file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the file this sink appends to.
   *
   * @return the path
   */
  public Path file() {
    return file;
  }

  /**
   * Appends the event and forces it to disk.
   *
   * @param event the event
   * @throws AuditException if it cannot be written
   */
  @Override
  public void record(AuditEvent event) {
    byte[] line = (toJson(event) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      try {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      } catch (IOException e) {
        throw new AuditException("cannot append to the audit file " + file + ": "
            + e.getMessage() + "; check free space and permissions", e);
      }
    }
  }

  /**
   * Encodes an event as the JSON object this sink writes.
   *
   * @param event the event
   * @return one line of JSON, without newline
   */
  public static String toJson(AuditEvent event) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("time", event.time().toString());
    node.put("actor", event.actor());
    node.put("node", event.node());
    node.put("vmid", event.vmid());
    node.put("app", event.app());
    node.put("command", event.command());
    ObjectNode params = node.putObject("parameters");
    for (Map.Entry<String, String> e : event.parameters().entrySet()) {
      params.put(e.getKey(), e.getValue());
    }
    node.put("outcome", event.outcome().name());
    node.put("exitCode", event.exitCode());
    node.put("durationMs", event.duration().toMillis());
    node.put("outputBytes", event.outputBytes());
    node.put("detail", event.detail());
    try {
      return Json.mapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode an audit event", e);
    }
  }

  /** Closes the file. Idempotent. */
  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new AuditException("cannot close the audit file " + file, e);
    }
  }
}
