package dev.proximity.scheduler;

import dev.proximity.ProximityException;

/**
 * Thrown when the scheduler or AUTO mode cannot do what was asked: the state file cannot be read or
 * written, a job id is taken, a backup job cannot be realised.
 *
 * <p>Failures of scheduled runs are not thrown (nobody would catch them): they are logged and
 * reported to {@link SchedulerListener}s.
 */
public class SchedulerException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what failed, on which resource, and what to do
   */
  public SchedulerException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what failed, on which resource, and what to do
   * @param cause the underlying failure
   */
  public SchedulerException(String message, Throwable cause) {
    super(message, cause);
  }
}
