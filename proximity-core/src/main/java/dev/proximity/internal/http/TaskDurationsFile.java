package dev.proximity.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proximity.internal.json.Json;
import dev.proximity.pve.TaskDurationSnapshot;
import dev.proximity.pve.TaskDurationSnapshot.LearnedKind;
import dev.proximity.pve.TaskDurationsFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one implementation of the task durations file: its versioned JSON form and the atomic write.
 *
 * <pre>{@code
 * {"format": "proximity-task-durations", "version": 1, "kinds": [
 *   {"node": "pve1", "kind": "vzstart", "endsAfterMs": 280, "endsByMs": 306, "learnedAt": "2026-11-28T23:00:00Z"}]}
 * }</pre>
 *
 * <p>Version 1 readers ignore unknown fields, so a later version may add some and stay readable; a
 * document with a higher version changed meaning and is refused.
 */
public final class TaskDurationsFile {
  private static final Logger log = LoggerFactory.getLogger(TaskDurationsFile.class);

  /** The value of the {@code format} field, which tells this file from any other JSON. */
  public static final String FORMAT = "proximity-task-durations";
  /** The version written, and the highest one read. */
  public static final int VERSION = 1;

  private TaskDurationsFile() {}

  /**
   * Renders the JSON form.
   *
   * @param snapshot the snapshot
   * @return the document, indented
   */
  public static String toJson(TaskDurationSnapshot snapshot) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    ArrayNode kinds = root.putArray("kinds");
    for (LearnedKind k : snapshot.kinds()) {
      ObjectNode e = kinds.addObject();
      e.put("node", k.node());
      e.put("kind", k.kind());
      e.put("endsAfterMs", k.endsAfter().toMillis());
      e.put("endsByMs", k.endsBy().toMillis());
      e.put("learnedAt", k.learnedAt().toString());
    }
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree of strings and numbers always renders", e);
    }
  }

  /**
   * Parses the JSON form.
   *
   * @param json the document
   * @return the snapshot
   * @throws IllegalArgumentException when the document is not JSON, of another format, of a newer
   *     version, or holds an invalid kind
   */
  public static TaskDurationSnapshot parse(String json) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
      throw new IllegalArgumentException("not a task durations document (no \"format\": \"" + FORMAT + "\")");
    }
    JsonNode version = root.path("version");
    if (!version.isIntegralNumber() || version.asInt() < 1) {
      throw new IllegalArgumentException("\"version\" must be a positive integer, got " + version);
    }
    if (version.asInt() > VERSION) {
      throw new IllegalArgumentException("version " + version.asInt() + " was written by a newer Proximity;"
          + " this one reads version " + VERSION);
    }
    JsonNode kinds = root.path("kinds");
    if (!kinds.isArray()) {
      throw new IllegalArgumentException("\"kinds\" must be an array");
    }
    List<LearnedKind> out = new ArrayList<>(kinds.size());
    for (JsonNode e : kinds) {
      out.add(kind(e, out.size()));
    }
    return new TaskDurationSnapshot(out);
  }

  private static LearnedKind kind(JsonNode e, int index) {
    String where = "kinds[" + index + "]";
    if (!e.isObject() || !e.path("node").isTextual() || !e.path("kind").isTextual()
        || !e.path("endsAfterMs").isIntegralNumber() || !e.path("endsByMs").isIntegralNumber()
        || !e.path("learnedAt").isTextual()) {
      throw new IllegalArgumentException(where + " needs node, kind, endsAfterMs, endsByMs and learnedAt");
    }
    Instant learnedAt;
    try {
      learnedAt = Instant.parse(e.get("learnedAt").asText());
    } catch (DateTimeParseException ex) {
      throw new IllegalArgumentException(where + ".learnedAt is not an ISO-8601 instant", ex);
    }
    try {
      return new LearnedKind(e.get("node").asText(), e.get("kind").asText(),
          Duration.ofMillis(e.get("endsAfterMs").asLong()), Duration.ofMillis(e.get("endsByMs").asLong()), learnedAt);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
    }
  }

  /**
   * Reads a file; a missing file is empty, an unusable one is logged once at WARN and empty.
   *
   * @param file the file
   * @return the snapshot it holds, or the empty one
   */
  public static TaskDurationSnapshot read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return TaskDurationSnapshot.empty();
    } catch (IOException | RuntimeException e) {
      warnIgnored(file, "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
      return TaskDurationSnapshot.empty();
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      warnIgnored(file, e.getMessage());
      return TaskDurationSnapshot.empty();
    }
  }

  private static void warnIgnored(Path file, String why) {
    // Losing what was learned only costs late first waits, so an unusable file never stops a client.
    log.warn("task durations file {} is ignored: {}; task waits learn anew and the file is replaced when"
        + " saved", file, why);
  }

  /**
   * Replaces a file atomically: the content goes to a temporary file in the same directory, is forced
   * to disk and moved over the target, so a reader or a crash sees the old or the new file, never
   * part of one. On failure the temporary file is removed and the target left as it was.
   *
   * @param file the file
   * @param snapshot what to write
   * @throws TaskDurationsFileException when the file cannot be written
   */
  public static void write(Path file, TaskDurationSnapshot snapshot) {
    byte[] content = toJson(snapshot).getBytes(StandardCharsets.UTF_8);
    Path target = file.toAbsolutePath();
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      Files.write(temp, content, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new TaskDurationsFileException(file, "cannot save the learned task durations to " + file + ": "
          + e.getClass().getSimpleName() + " " + e.getMessage()
          + "; check that its directory exists or can be created and is writable", e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          log.debug("could not remove the temporary file {}: {}", temp, e.toString());
        }
      }
    }
  }
}
