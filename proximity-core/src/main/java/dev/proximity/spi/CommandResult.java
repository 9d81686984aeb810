package dev.proximity.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one remote command.
 *
 * @param argv the command as sent
 * @param exitCode the exit status of the command
 * @param stdout standard output, decoded as UTF-8, at most the configured cap
 * @param stderr standard error, decoded as UTF-8, at most the configured cap
 * @param truncated whether either output was cut at the cap
 * @param outputBytes the number of output bytes received, including those beyond the cap
 * @param duration how long the command ran
 */
public record CommandResult(
    List<String> argv,
    int exitCode,
    String stdout,
    String stderr,
    boolean truncated,
    long outputBytes,
    Duration duration) {

  /**
   * Validates and copies the components.
   *
   * @param argv the command as sent
   * @param exitCode the exit status of the command
   * @param stdout standard output, decoded as UTF-8, at most the configured cap
   * @param stderr standard error, decoded as UTF-8, at most the configured cap
   * @param truncated whether either output was cut at the cap
   * @param outputBytes the number of output bytes received, including those beyond the cap
   * @param duration how long the command ran
   */
  public CommandResult {
    argv = List.copyOf(argv);
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
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
