package dev.proximity;

/**
 * Root of every exception the Proximity SDK throws.
 *
 * <p>Unchecked, like the exceptions of most Java API clients. Subclasses separate "the server said no"
 * ({@code PveApiException}) from "no usable answer" ({@code PveConnectionException}) and carry the
 * details a caller needs to react. Messages name the action, the resource and what to do next, and
 * never contain a secret.
 */
public abstract class ProximityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what failed, on which resource, and what to do
   */
  protected ProximityException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what failed, on which resource, and what to do
   * @param cause the underlying failure
   */
  protected ProximityException(String message, Throwable cause) {
    super(message, cause);
  }
}
