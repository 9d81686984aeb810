package dev.proximity.examples.cli;

import java.util.Objects;

/**
 * A failure the CLI reports as one line plus a hint, with a documented exit code.
 *
 * <p>Thrown by commands for failures they detect themselves (bad configuration, unknown names), and
 * produced by {@link ErrorReport} from SDK exceptions.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String hint;

  /**
   * Creates a failure.
   *
   * @param exitCode one of {@link ExitCodes}
   * @param message what went wrong, one line, no secret
   * @param hint what to do about it, one line, possibly empty
   */
  public CliException(int exitCode, String message, String hint) {
    super(Objects.requireNonNull(message, "message"));
    this.exitCode = exitCode;
    this.hint = hint == null ? "" : hint;
  }

  /**
   * Creates a failure with a cause kept for {@code --debug}.
   *
   * @param exitCode one of {@link ExitCodes}
   * @param message what went wrong, one line, no secret
   * @param hint what to do about it, one line, possibly empty
   * @param cause the underlying exception
   */
  public CliException(int exitCode, String message, String hint, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.exitCode = exitCode;
    this.hint = hint == null ? "" : hint;
  }

  /**
   * The exit code of the process.
   *
   * @return one of {@link ExitCodes}
   */
  public int exitCode() {
    return exitCode;
  }

  /**
   * What the user can do about it.
   *
   * @return one line, possibly empty
   */
  public String hint() {
    return hint;
  }
}
