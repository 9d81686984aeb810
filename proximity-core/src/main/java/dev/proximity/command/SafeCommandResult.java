package dev.proximity.command;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of a safe command. For {@code config}, {@link #output()} is already redacted.
 *
 * @param command the command that ran
 * @param exitCode its exit code
 * @param output standard output (redacted where the command requires it)
 * @param errors standard error
 * @param truncated whether output was cut at the host shell's cap
 * @param outputBytes the output bytes the command produced
 * @param duration how long it ran
 */
public record SafeCommandResult(
    SafeCommand command,
    int exitCode,
    String output,
    String errors,
    boolean truncated,
    long outputBytes,
    Duration duration) {

  /**
   * Validates the components.
   *
   * @param command the command that ran
   * @param exitCode its exit code
   * @param output standard output (redacted where the command requires it)
   * @param errors standard error
   * @param truncated whether output was cut at the host shell's cap
   * @param outputBytes the output bytes the command produced
   * @param duration how long it ran
   */
  public SafeCommandResult {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(errors, "errors");
    Objects.requireNonNull(duration, "duration");
  }

  /**
   * Whether the command exited with status 0.
   *
   * @return {@code true} on success
   */
  public boolean ok() {
    return exitCode == 0;
  }
}
