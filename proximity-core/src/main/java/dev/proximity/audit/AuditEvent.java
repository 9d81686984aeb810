package dev.proximity.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One audited execution of a command in an app container, allowed or refused.
 *
 * <p>Parameters are the validated, canonical parameters of a safe command (or, for a refusal, the
 * parameters as given, each value shortened to 200 characters); they never hold secrets because no
 * safe command takes one. Immutable and thread-safe.
 *
 * @param time when the execution started (or was refused)
 * @param actor who asked: a user name, API client id or {@code system}
 * @param node the Proxmox node, or empty when not known
 * @param vmid the container id, or 0 when not known
 * @param app the app's name, or empty when not known
 * @param command the command name, e.g. {@code logs}, as requested
 * @param parameters the command's parameters
 * @param outcome what happened
 * @param exitCode the command's exit code, or -1 when it did not run to an exit
 * @param duration how long it ran; zero for a refusal
 * @param outputBytes the output bytes the command produced
 * @param detail why it was refused or failed; empty when it succeeded
 */
public record AuditEvent(
    Instant time,
    String actor,
    String node,
    int vmid,
    String app,
    String command,
    Map<String, String> parameters,
    Outcome outcome,
    int exitCode,
    Duration duration,
    long outputBytes,
    String detail) {

  /** What happened to a requested command. */
  public enum Outcome {
    /** Validated, run, and exited with status 0. */
    ALLOWED,
    /** Validated and run, but exited with a non-zero status. */
    FAILED,
    /** Validated, but it could not be run to its end (connection, timeout). */
    ERROR,
    /** Refused before anything ran: unknown command or invalid parameters. */
    REFUSED
  }

  /**
   * Validates the components and copies the parameters into a sorted, immutable map.
   *
   * @param time when the execution started (or was refused)
   * @param actor who asked: a user name, API client id or {@code system}
   * @param node the Proxmox node, or empty when not known
   * @param vmid the container id, or 0 when not known
   * @param app the app's name, or empty when not known
   * @param command the command name, e.g. {@code logs}, as requested
   * @param parameters the command's parameters
   * @param outcome what happened
   * @param exitCode the command's exit code, or -1 when it did not run to an exit
   * @param duration how long it ran; zero for a refusal
   * @param outputBytes the output bytes the command produced
   * @param detail why it was refused or failed; empty when it succeeded
   */
  public AuditEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(detail, "detail");
    parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
  }

  /**
   * Returns the exit code when the command exited.
   *
   * @return the exit code, or empty
   */
  public OptionalInt exit() {
    return exitCode < 0 ? OptionalInt.empty() : OptionalInt.of(exitCode);
  }
}
