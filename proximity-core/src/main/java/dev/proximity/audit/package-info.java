/**
 * Audit trail of command executions: {@link dev.proximity.audit.AuditEvent}, the
 * {@link dev.proximity.audit.AuditSink} SPI, and two sinks, {@link dev.proximity.audit.Slf4jAuditSink}
 * (logger {@code proximity.audit}, the default) and {@link dev.proximity.audit.JsonLinesAuditSink}
 * (an fsync'd JSON-lines file).
 */
package dev.proximity.audit;
