package dev.proximity.examples.server.audit;

import java.util.Map;
import java.util.Objects;

/**
 * One audited server action, as stored and as returned by {@code GET /api/v1/system/audit}.
 *
 * @param time when it happened, ISO-8601
 * @param actor the acting user name, or {@code anonymous}
 * @param action what was done, such as {@code auth.login} or {@code app.deploy}
 * @param target what it was done to, possibly empty
 * @param outcome {@code success}, {@code denied} or {@code failure}
 * @param remote the client address
 * @param details further non-secret facts
 */
public record AuditRecord(
    String time,
    String actor,
    String action,
    String target,
    String outcome,
    String remote,
    Map<String, String> details) {

  /** Validates and copies the components. */
  public AuditRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    target = target == null ? "" : target;
    Objects.requireNonNull(outcome, "outcome");
    remote = remote == null ? "" : remote;
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
