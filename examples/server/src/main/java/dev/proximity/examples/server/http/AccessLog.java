package dev.proximity.examples.server.http;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one structured (JSON) line per request to the logger
 * {@code dev.proximity.examples.server.access}.
 *
 * <p>A line holds the request id, client address, method, path (never the query string), status,
 * response size, duration and user name. Headers and bodies are never logged, so no token or password
 * can reach the log. Thread-safe.
 */
public final class AccessLog {
  private static final Logger log = LoggerFactory.getLogger("dev.proximity.examples.server.access");

  private final JsonCodec json;

  /**
   * Creates the access log.
   *
   * @param json the codec that renders the line
   */
  public AccessLog(JsonCodec json) {
    this.json = json;
  }

  /**
   * Logs one finished request.
   *
   * @param entry the request's facts
   */
  public void record(Entry entry) {
    if (!log.isInfoEnabled()) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("ts", entry.finishedAt().toString());
    line.put("request_id", entry.requestId());
    line.put("remote", entry.remote());
    line.put("method", entry.method());
    line.put("path", entry.path());
    line.put("status", entry.status());
    line.put("bytes", entry.bytes());
    line.put("duration_ms", entry.durationMillis());
    line.put("user", entry.user() == null ? "-" : entry.user());
    log.info(json.encodeToString(line));
  }

  /**
   * The facts of one request.
   *
   * @param finishedAt when the response was complete
   * @param requestId the request id
   * @param remote the client address
   * @param method the method
   * @param path the raw path, without query
   * @param status the status sent
   * @param bytes the body bytes sent
   * @param durationMillis the time taken
   * @param user the user name, or null when unauthenticated
   */
  public record Entry(
      Instant finishedAt,
      String requestId,
      String remote,
      String method,
      String path,
      int status,
      long bytes,
      long durationMillis,
      String user) {}
}
