package dev.proximity.command;

import dev.proximity.ProximityException;
import java.util.Objects;
import java.util.Optional;

/**
 * A safe command was refused before anything ran: its name is not one of the closed set, or a
 * parameter is unknown or invalid. Nothing connected to any host. The message names the command,
 * the parameter and the allowed values; it repeats a rejected value only in shortened, printable
 * form.
 */
public final class SafeCommandRefusedException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /** Why the command was refused. */
  public enum Reason {
    /** The command name is not a safe command. */
    UNKNOWN_COMMAND,
    /** The command does not take a parameter of that name. */
    UNKNOWN_PARAMETER,
    /** A parameter value is missing, malformed or out of range. */
    INVALID_PARAMETER
  }

  /** The reason; see {@link #reason()}. */
  private final Reason reason;
  /** The name as given; see {@link #command()}. */
  private final String command;
  /** The parameter name, or empty when the command itself was refused; see {@link #parameter()}. */
  private final String parameter;

  /**
   * Creates the exception.
   *
   * @param reason why it was refused
   * @param command the requested command name
   * @param parameter the offending parameter, or null
   * @param message what was wrong and what is allowed
   */
  public SafeCommandRefusedException(Reason reason, String command, String parameter,
      String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.command = Objects.requireNonNull(command, "command");
    this.parameter = parameter;
  }

  /**
   * Returns why the command was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns the requested command name.
   *
   * @return the name as given
   */
  public String command() {
    return command;
  }

  /**
   * Returns the offending parameter.
   *
   * @return the parameter name, or empty when the command itself was refused
   */
  public Optional<String> parameter() {
    return Optional.ofNullable(parameter);
  }

  /**
   * Shortens a user-supplied value for a message: at most 40 characters, control characters
   * escaped.
   */
  static String shown(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    int limit = Math.min(value.length(), 40);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    if (value.length() > limit) {
      out.append("...");
    }
    return out.append('"').toString();
  }
}
