package dev.proximity.examples.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.audit.AuditEvent;
import dev.proximity.audit.AuditSink;
import dev.proximity.audit.JsonLinesAuditSink;
import dev.proximity.examples.server.http.JsonCodec;
import dev.proximity.examples.server.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's audit log: the SDK's {@link JsonLinesAuditSink} ({@code audit.jsonl} in the data
 * directory, mode 0600, fsync'd per event), fed by server actions and by the safe commands, and read
 * back page by page (newest first) for {@code GET /api/v1/system/audit}.
 *
 * <p>Events carry user names and actions, never passwords, tokens or secrets. Thread-safe.
 */
public final class AuditTrail implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

  private final Path file;
  private final JsonCodec json;
  private final Clock clock;
  private final JsonLinesAuditSink sink;

  /**
   * Opens the audit log.
   *
   * @param file the JSON-lines file, created with mode 0600 when missing
   * @param json the codec for reading it back
   * @param clock the clock that stamps server events
   */
  public AuditTrail(Path file, JsonCodec json, Clock clock) {
    this.file = file;
    this.json = json;
    this.clock = clock;
    try {
      AtomicFiles.ensurePrivateDirectory(file.toAbsolutePath().getParent());
      if (!Files.exists(file)) {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
          Files.createFile(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the audit log " + file, e);
    }
    this.sink = JsonLinesAuditSink.open(file);
  }

  /** @return the sink, for the SDK's safe commands */
  public AuditSink sink() {
    return sink;
  }

  /**
   * Records a server action.
   *
   * @param actor the acting user name, or {@code anonymous}
   * @param action the action, such as {@code auth.login}
   * @param target what it was done to
   * @param outcome the server's wording: {@code success}, {@code accepted}, {@code denied},
   *     {@code throttled} or {@code failure}
   * @param remote the client address
   * @param details further non-secret facts
   */
  public void record(String actor, String action, String target, String outcome, String remote,
      Map<String, String> details) {
    Map<String, String> parameters = new LinkedHashMap<>(details);
    parameters.put("remote", remote == null ? "" : remote);
    AuditEvent event = new AuditEvent(clock.instant(), actor, "", 0, target == null ? "" : target, action,
        parameters, outcomeOf(outcome), -1, Duration.ZERO, 0, outcome);
    try {
      sink.record(event);
    } catch (RuntimeException e) {
      // An operator must see a failing audit log, but it must not fail the user's request.
      log.error("cannot append to the audit log {}: {}", file, e.getMessage());
    }
  }

  private static AuditEvent.Outcome outcomeOf(String outcome) {
    switch (outcome) {
      case "success":
      case "accepted":
        return AuditEvent.Outcome.ALLOWED;
      case "denied":
      case "throttled":
        return AuditEvent.Outcome.REFUSED;
      default:
        return AuditEvent.Outcome.FAILED;
    }
  }

  /**
   * Reads one page of the log, newest first.
   *
   * @param offset how many of the newest records to skip
   * @param limit the page size
   * @return the page
   */
  public Page page(int offset, int limit) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + file, e);
    }
    List<AuditRecord> all = new ArrayList<>(lines.size());
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      try {
        all.add(toRecord(json.tree(line.getBytes(StandardCharsets.UTF_8))));
      } catch (UncheckedIOException e) {
        log.warn("skipping an unreadable audit line in {}", file);
      }
    }
    Collections.reverse(all);
    int from = Math.min(offset, all.size());
    int to = Math.min(all.size(), from + limit);
    return new Page(List.copyOf(all.subList(from, to)), offset, limit, all.size());
  }

  private static AuditRecord toRecord(JsonNode n) {
    Map<String, String> parameters = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = n.path("parameters").properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      parameters.put(field.getKey(), field.getValue().asText());
    }
    return new AuditRecord(n.path("time").asText(), n.path("actor").asText(), n.path("command").asText(),
        n.path("app").asText(), n.path("outcome").asText().toLowerCase(Locale.ROOT), n.path("detail").asText(),
        n.path("node").asText(), n.path("vmid").asInt(), parameters, n.path("exitCode").asInt(-1),
        n.path("durationMs").asLong());
  }

  /** Closes the file. Idempotent. */
  @Override
  public void close() {
    sink.close();
  }

  /**
   * One page of audit records.
   *
   * @param items the records, newest first
   * @param offset the offset requested
   * @param limit the limit requested
   * @param total the number of records in the log
   */
  public record Page(List<AuditRecord> items, int offset, int limit, int total) {}
}
