package dev.proximity.examples.server.audit;

import dev.proximity.examples.server.http.JsonCodec;
import dev.proximity.examples.server.store.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's audit log: one JSON object per line in {@code audit.jsonl} in the data directory,
 * appended and flushed per event, readable page by page (newest first).
 *
 * <p>Records carry user names and actions, never passwords, tokens or secrets. Thread-safe.
 */
public final class AuditTrail {
  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

  private final Path file;
  private final JsonCodec json;
  private final Clock clock;

  /**
   * Opens the audit log.
   *
   * @param file the JSON-lines file, created with mode 0600 when missing
   * @param json the codec
   * @param clock the clock that stamps records
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
  }

  /**
   * Records an action.
   *
   * @param actor the acting user name, or {@code anonymous}
   * @param action the action, such as {@code auth.login}
   * @param target what it was done to
   * @param outcome {@code success}, {@code denied} or {@code failure}
   * @param remote the client address
   * @param details further non-secret facts
   */
  public void record(String actor, String action, String target, String outcome, String remote,
      Map<String, String> details) {
    AuditRecord entry = new AuditRecord(clock.instant().toString(), actor, action, target, outcome, remote, details);
    byte[] line = (json.encodeToString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        out.write(line);
      } catch (IOException e) {
        // An audit write failure must be seen by an operator, but must not fail the user's request.
        log.error("cannot append to the audit log {}: {}", file, e.toString());
      }
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
    synchronized (this) {
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the audit log " + file, e);
      }
    }
    List<AuditRecord> all = new ArrayList<>(lines.size());
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      try {
        all.add(json.read(line.getBytes(StandardCharsets.UTF_8), AuditRecord.class));
      } catch (IOException e) {
        log.warn("skipping an unreadable audit line: {}", e.getClass().getSimpleName());
      }
    }
    Collections.reverse(all);
    int from = Math.min(offset, all.size());
    int to = Math.min(all.size(), from + limit);
    return new Page(List.copyOf(all.subList(from, to)), offset, limit, all.size());
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
