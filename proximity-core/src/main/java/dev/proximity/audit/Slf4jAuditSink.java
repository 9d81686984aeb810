package dev.proximity.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.proximity.internal.json.Json;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each {@link AuditEvent} as one structured line to the slf4j logger
 * {@code proximity.audit}: {@code key=value} pairs, with every text value JSON-quoted so that a
 * newline or quote in an actor name or parameter cannot forge a second line.
 *
 * <p>Audit lines are logged at INFO (the SDK otherwise logs nothing above DEBUG that it does not
 * also throw): route the {@code proximity.audit} logger to its own appender to keep them.
 * Stateless and thread-safe.
 *
 * <pre>
 * audit time=2026-11-28T18:00:00Z actor="alice" node="pve1" vmid=101 app="web" command="logs"
 *   params={"service":"web","tail":"100"} outcome=ALLOWED exit=0 durationMs=84 outputBytes=5123 detail=""
 * </pre>
 */
public final class Slf4jAuditSink implements AuditSink {
  /** The name of the audit logger. */
  public static final String LOGGER_NAME = "proximity.audit";

  static final Slf4jAuditSink INSTANCE = new Slf4jAuditSink();

  private static final Logger log = LoggerFactory.getLogger(LOGGER_NAME);

  private Slf4jAuditSink() {}

  /**
   * Returns the shared instance.
   *
   * @return the sink
   */
  public static Slf4jAuditSink create() {
    return INSTANCE;
  }

  @Override
  public void record(AuditEvent event) {
    if (log.isInfoEnabled()) {
      log.info(format(event));
    }
  }

  /**
   * Formats an event as the line this sink logs.
   *
   * @param event the event
   * @return the line
   */
  public static String format(AuditEvent event) {
    return "audit time=" + event.time()
        + " actor=" + quote(event.actor())
        + " node=" + quote(event.node())
        + " vmid=" + event.vmid()
        + " app=" + quote(event.app())
        + " command=" + quote(event.command())
        + " params=" + json(event.parameters())
        + " outcome=" + event.outcome()
        + " exit=" + event.exitCode()
        + " durationMs=" + event.duration().toMillis()
        + " outputBytes=" + event.outputBytes()
        + " detail=" + quote(event.detail());
  }

  private static String quote(String text) {
    return json(text);
  }

  private static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value instanceof Map<?, ?> m ? m : value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode an audit value", e);
    }
  }
}
