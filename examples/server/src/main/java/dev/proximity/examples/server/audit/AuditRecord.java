package dev.proximity.examples.server.audit;

import java.util.Map;
import java.util.Objects;

/**
 * One audit event as {@code GET /api/v1/system/audit} returns it: a server action (login, deploy,
 * delete, mode change) or a safe command, with the acting user.
 *
 * @param time when it happened, ISO-8601
 * @param actor the acting user name, or {@code anonymous}
 * @param action what was done: {@code auth.login}, {@code app.deploy}, or a safe command's name
 * @param target the app or user it was done to, possibly empty
 * @param outcome {@code allowed}, {@code failed}, {@code error} or {@code refused}
 * @param detail the server's wording of the outcome (such as {@code throttled}) or the command's detail
 * @param node the node, for commands
 * @param vmid the container id, 0 when none
 * @param parameters further non-secret facts (the client address, ids, validated command parameters)
 * @param exitCode a command's exit code, -1 when none
 * @param durationMs how long a command ran
 */
public record AuditRecord(
    String time,
    String actor,
    String action,
    String target,
    String outcome,
    String detail,
    String node,
    int vmid,
    Map<String, String> parameters,
    int exitCode,
    long durationMs) {

  /** Validates and copies the components. */
  public AuditRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
