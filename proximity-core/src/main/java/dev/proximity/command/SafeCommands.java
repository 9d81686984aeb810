package dev.proximity.command;

import dev.proximity.audit.AuditEvent;
import dev.proximity.audit.AuditEvent.Outcome;
import dev.proximity.audit.AuditSink;
import dev.proximity.spi.CommandResult;
import dev.proximity.spi.HostShell;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs safe commands in app containers and audits every execution, allowed or refused.
 *
 * <p>Each call emits exactly one {@link AuditEvent}: {@code ALLOWED} or {@code FAILED} by exit
 * code, {@code ERROR} when the command could not run to its end, {@code REFUSED} when parsing
 * failed (then no connection is made). The output of {@code config} is redacted before it is
 * returned. Stateless and thread-safe.
 *
 * <pre>{@code
 * HostShell shell = shells.forNode("pve1");
 * SafeCommandResult r = SafeCommands.run(shell, 101, SafeCommand.parse("disk", Map.of()),
 *     "alice", AuditSink.slf4j());
 * }</pre>
 */
public final class SafeCommands {
  /** The default timeout of one safe command. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(SafeCommands.class);
  private static final int MAX_SHOWN_VALUE = 200;

  private SafeCommands() {}

  /**
   * Runs a command in a container with the default timeout.
   *
   * @param shell the shell on the container's node
   * @param vmid the container id
   * @param command the validated command
   * @param actor who asked, for the audit event
   * @param audit where the audit event goes
   * @return the result, with {@code config} output redacted
   * @throws dev.proximity.ProximityException if the command could not run (audited as ERROR)
   */
  public static SafeCommandResult run(HostShell shell, int vmid, SafeCommand command,
      String actor, AuditSink audit) {
    return run(shell, CommandTarget.of(vmid), command, actor, audit, DEFAULT_TIMEOUT,
        Clock.systemUTC());
  }

  /**
   * Runs a command in a container.
   *
   * @param shell the shell on the container's node
   * @param target the container, with node and app for the audit event
   * @param command the validated command
   * @param actor who asked, for the audit event
   * @param audit where the audit event goes
   * @param timeout the longest the command may run
   * @param clock the clock for the audit event's time
   * @return the result, with {@code config} output redacted
   * @throws dev.proximity.ProximityException if the command could not run (audited as ERROR)
   */
  public static SafeCommandResult run(HostShell shell, CommandTarget target, SafeCommand command,
      String actor, AuditSink audit, Duration timeout, Clock clock) {
    Objects.requireNonNull(shell, "shell");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(timeout, "timeout");
    Instant start = clock.instant();
    long started = System.nanoTime();
    CommandResult result;
    try {
      result = shell.exec(target.vmid(), command.argv(), timeout);
    } catch (RuntimeException e) {
      audit.record(new AuditEvent(start, actor, target.node(), target.vmid(), target.app(),
          command.name(), command.parameters(), Outcome.ERROR, -1,
          Duration.ofNanos(System.nanoTime() - started), 0, shorten(e.getMessage())));
      throw e;
    }
    String output = result.stdout();
    String errors = result.stderr();
    if (command.redactsOutput()) {
      output = Redaction.redactConfig(output);
      errors = Redaction.redactConfig(errors);
    }
    Outcome outcome = result.ok() ? Outcome.ALLOWED : Outcome.FAILED;
    String detail = result.ok() ? "" : shorten(lastLine(errors));
    audit.record(new AuditEvent(start, actor, target.node(), target.vmid(), target.app(),
        command.name(), command.parameters(), outcome, result.exitCode(), result.duration(),
        result.outputBytes(), detail));
    log.debug("safe command {} in CT {} by {}: exit {}", command.name(), target.vmid(), actor,
        result.exitCode());
    return new SafeCommandResult(command, result.exitCode(), output, errors, result.truncated(),
        result.outputBytes(), result.duration());
  }

  /**
   * Parses untrusted text into a command and runs it; a refusal is audited as {@code REFUSED}
   * and thrown before any connection is made.
   *
   * @param shell the shell on the container's node (not touched when the command is refused)
   * @param target the container
   * @param name the command name
   * @param parameters the parameters as text
   * @param actor who asked
   * @param audit where the audit event goes
   * @param timeout the longest the command may run
   * @return the result
   * @throws SafeCommandRefusedException if the name or a parameter is refused
   * @throws dev.proximity.ProximityException if the command could not run
   */
  public static SafeCommandResult run(HostShell shell, CommandTarget target, String name,
      Map<String, String> parameters, String actor, AuditSink audit, Duration timeout) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(audit, "audit");
    SafeCommand command;
    try {
      command = SafeCommand.parse(name, parameters);
    } catch (SafeCommandRefusedException e) {
      refused(target, name, parameters, actor, audit, e, Clock.systemUTC());
      throw e;
    }
    return run(shell, target, command, actor, audit, timeout, Clock.systemUTC());
  }

  /**
   * Follows an app's logs ({@link LogsCommand#followArgv()}) until the returned stream is closed
   * or the timeout passes. The audit event is recorded when the stream starts (outcome
   * {@code ALLOWED}, exit code -1, detail {@code follow}), since a follow has no natural end; a
   * stream that cannot start is audited as {@code ERROR} and the exception rethrown.
   *
   * @param shell the shell on the container's node
   * @param target the container
   * @param command the logs command
   * @param actor who asked
   * @param audit where the audit event goes
   * @param timeout the longest the stream stays open
   * @param lines receives each line, on a thread of the shell
   * @return the running stream; the caller must close it
   * @throws dev.proximity.ProximityException if the stream could not start
   */
  public static HostShell.LineStream follow(HostShell shell, CommandTarget target,
      LogsCommand command, String actor, AuditSink audit, Duration timeout,
      java.util.function.Consumer<String> lines) {
    Objects.requireNonNull(shell, "shell");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(audit, "audit");
    Instant start = Clock.systemUTC().instant();
    Map<String, String> parameters = new LinkedHashMap<>(command.parameters());
    parameters.put("follow", "true");
    HostShell.LineStream stream;
    try {
      stream = shell.stream(target.vmid(), command.followArgv(), timeout, lines);
    } catch (RuntimeException e) {
      audit.record(new AuditEvent(start, actor, target.node(), target.vmid(), target.app(),
          command.name(), parameters, Outcome.ERROR, -1, Duration.ZERO, 0,
          shorten(e.getMessage())));
      throw e;
    }
    try {
      audit.record(new AuditEvent(start, actor, target.node(), target.vmid(), target.app(),
          command.name(), parameters, Outcome.ALLOWED, -1, Duration.ZERO, 0, "follow"));
    } catch (RuntimeException e) {
      stream.close();
      throw e;
    }
    return stream;
  }

  /**
   * Records the audit event of a refused command, for callers that parse on their own.
   *
   * @param target the container
   * @param name the requested name
   * @param parameters the parameters as given
   * @param actor who asked
   * @param audit where the event goes
   * @param refusal why it was refused
   * @param clock the clock for the event's time
   */
  public static void refused(CommandTarget target, String name, Map<String, String> parameters,
      String actor, AuditSink audit, SafeCommandRefusedException refusal, Clock clock) {
    Map<String, String> shown = new LinkedHashMap<>();
    if (parameters != null) {
      parameters.forEach((k, v) -> shown.put(shorten(String.valueOf(k)), shorten(v)));
    }
    audit.record(new AuditEvent(clock.instant(), actor, target.node(), target.vmid(),
        target.app(), shorten(name == null ? "null" : name), shown, Outcome.REFUSED, -1,
        Duration.ZERO, 0, refusal.getMessage()));
  }

  private static String lastLine(String text) {
    String trimmed = text.strip();
    int newline = trimmed.lastIndexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(newline + 1);
  }

  private static String shorten(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= MAX_SHOWN_VALUE ? text : text.substring(0, MAX_SHOWN_VALUE) + "...";
  }
}
