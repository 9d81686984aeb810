package dev.proximity;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of a long operation, reported to {@link ProgressListener}s.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operation the operation, such as {@code deploy}, {@code update} or {@code clone}
 * @param app the app name the operation is about
 * @param step the step that begins
 * @param percent overall completion, 0..100
 * @param message a human-readable line, free of secrets
 * @param at when the step began
 */
public record ProgressEvent(
    String operation, String app, DeployStep step, int percent, String message, Instant at) {

  /**
   * Validates the components.
   *
   * @param operation the operation, such as {@code deploy}, {@code update} or {@code clone}
   * @param app the app name the operation is about
   * @param step the step that begins
   * @param percent overall completion, 0..100
   * @param message a human-readable line, free of secrets
   * @param at when the step began
   */
  public ProgressEvent {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be 0..100, got " + percent);
    }
  }
}
