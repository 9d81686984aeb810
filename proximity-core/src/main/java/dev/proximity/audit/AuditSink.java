package dev.proximity.audit;

/**
 * Receives an {@link AuditEvent} for every command execution, allowed or refused.
 *
 * <p>Implementations must be thread-safe and should return quickly; they are called on the thread
 * that ran the command. A sink that cannot record an event throws {@link AuditException}, which
 * the caller sees: an audit trail that silently loses events is worse than a failed call.
 * Provided: {@link Slf4jAuditSink} (the default) and {@link JsonLinesAuditSink}.
 */
@FunctionalInterface
public interface AuditSink {

  /**
   * Records one event.
   *
   * @param event the event
   * @throws AuditException if the event cannot be recorded
   */
  void record(AuditEvent event);

  /**
   * Returns the default sink, writing to the slf4j logger {@code proximity.audit}.
   *
   * @return the shared sink
   */
  static AuditSink slf4j() {
    return Slf4jAuditSink.INSTANCE;
  }

  /**
   * Returns a sink that records each event in every given sink, in order.
   *
   * @param sinks the sinks
   * @return the combined sink
   */
  static AuditSink all(AuditSink... sinks) {
    AuditSink[] copy = sinks.clone();
    return event -> {
      for (AuditSink sink : copy) {
        sink.record(event);
      }
    };
  }
}
