package dev.proximity.examples.server.http;

import java.util.Map;
import java.util.Objects;

/**
 * An error the API reports to its client as {@code {"error": {"code", "message", "details"}}}.
 *
 * <p>Messages are written for the API user: they say what was wrong and what to do, and never carry a
 * password, token or secret.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Map<String, Object> details;

  /**
   * Creates an API error.
   *
   * @param status the HTTP status, 4xx or 5xx
   * @param code a stable, machine-readable code such as {@code invalid_request}
   * @param message a human-readable message
   * @param details structured details, possibly empty
   */
  public ApiException(int status, String code, String message, Map<String, ?> details) {
    super(message);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 4xx or 5xx, got " + status);
    }
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.details = Map.copyOf(details);
  }

  /**
   * Creates an API error without details.
   *
   * @param status the HTTP status
   * @param code the machine-readable code
   * @param message the human-readable message
   */
  public ApiException(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  /**
   * A 400 for a request that is malformed or invalid.
   *
   * @param message what is wrong
   * @return the exception
   */
  public static ApiException badRequest(String message) {
    return new ApiException(400, "invalid_request", message);
  }

  /**
   * A 400 for one invalid field.
   *
   * @param field the field name as the client sent it
   * @param message what is wrong with it
   * @return the exception
   */
  public static ApiException invalidField(String field, String message) {
    return new ApiException(400, "invalid_field", field + ": " + message, Map.of("field", field));
  }

  /**
   * A 401 for a missing or unusable credential.
   *
   * @param message why the credential was refused
   * @return the exception
   */
  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  /**
   * A 403 for an authenticated caller that lacks the role.
   *
   * @param message what is not allowed
   * @return the exception
   */
  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  /**
   * A 404 for a resource that does not exist or that the caller may not see.
   *
   * @param what the resource, such as {@code app 'web'}
   * @return the exception
   */
  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " not found");
  }

  /**
   * A 409 for a request that conflicts with the current state.
   *
   * @param message the conflict
   * @param details structured details
   * @return the exception
   */
  public static ApiException conflict(String message, Map<String, ?> details) {
    return new ApiException(409, "conflict", message, details);
  }

  /** @return the HTTP status */
  public int status() {
    return status;
  }

  /** @return the machine-readable code */
  public String code() {
    return code;
  }

  /** @return the structured details, never null */
  public Map<String, Object> details() {
    return details;
  }
}
