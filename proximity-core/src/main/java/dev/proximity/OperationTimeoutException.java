package dev.proximity;

import java.time.Duration;
import java.util.Objects;

/**
 * An operation did not finish within its timeout ({@code withTimeout(..)} or the SDK default).
 *
 * <p>Names the operation, the step it was in, how long it ran and what was not ready.
 */
public final class OperationTimeoutException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /** The operation that timed out; see {@link #operation()}. */
  private final String operation;
  /** The step that was running; see {@link #step()}. */
  private final String step;
  /** How long the operation ran; see {@link #elapsed()}. */
  private final Duration elapsed;
  /** What was still not ready; see {@link #notReady()}. */
  private final String notReady;

  /**
   * Creates the exception.
   *
   * @param operation the operation, such as {@code deploy}
   * @param step the step that was running
   * @param elapsed how long the operation ran
   * @param notReady what was still not ready, such as {@code service db: starting}
   */
  public OperationTimeoutException(
      String operation, String step, Duration elapsed, String notReady) {
    super(operation + " timed out after " + elapsed.toMillis() + " ms in step " + step
        + ": " + notReady + ". Raise the timeout with withTimeout(..) or check the node.");
    this.operation = Objects.requireNonNull(operation, "operation");
    this.step = Objects.requireNonNull(step, "step");
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
    this.notReady = Objects.requireNonNull(notReady, "notReady");
  }

  /** @return the operation that timed out */
  public String operation() {
    return operation;
  }

  /** @return the step that was running */
  public String step() {
    return step;
  }

  /** @return how long the operation ran */
  public Duration elapsed() {
    return elapsed;
  }

  /** @return what was still not ready */
  public String notReady() {
    return notReady;
  }
}
