package dev.proximity.pve;

import dev.proximity.ProximityException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Proxmox VE API answered with an error status.
 *
 * <p>Carries the HTTP status, the server's message (from the JSON body's {@code message}, or from the
 * status line on servers before PVE 8.3), the per-parameter {@code errors} map of a 400, and the
 * method and path of the call. Immutable and thread-safe.
 */
public class PveApiException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status, e.g. 400, 403, 500; see {@link #status()}. */
  private final int status;
  /** The reason, empty if the server sent none; see {@link #reason()}. */
  private final String reason;
  /** Parameter name to problem, empty when not a 400; see {@link #errors()}. */
  private final Map<String, String> errors;
  /** The HTTP method of the failed request, e.g. {@code POST}; see {@link #method()}. */
  private final String method;
  /** The API path of the failed request, e.g. {@code /nodes/pve/lxc}; see {@link #path()}. */
  private final String path;

  /**
   * Creates the exception.
   *
   * @param status HTTP status code
   * @param reason the server's error text, trimmed, never a secret
   * @param errors per-parameter errors (may be empty)
   * @param method HTTP method of the call
   * @param path API path of the call, below {@code /api2/json}
   */
  public PveApiException(int status, String reason, Map<String, String> errors, String method, String path) {
    super(message(status, reason, errors, method, path));
    this.status = status;
    this.reason = reason == null ? "" : reason;
    this.errors = Map.copyOf(errors);
    this.method = method;
    this.path = path;
  }

  private static String message(
      int status, String reason, Map<String, String> errors, String method, String path) {
    StringBuilder sb = new StringBuilder();
    sb.append(method).append(' ').append(path).append(" failed: HTTP ").append(status);
    if (reason != null && !reason.isEmpty()) {
      sb.append(' ').append(reason);
    }
    if (!errors.isEmpty()) {
      sb.append(' ').append(new TreeMap<>(errors));
    }
    if (status == 401) {
      sb.append(" (check the credentials: user, realm, token id and secret)");
    } else if (status == 403) {
      sb.append(" (the user or token lacks a privilege; see PveClient.access().preflight())");
    } else if (ConfigLockedException.isLockTimeout(reason)) {
      sb.append(" (another task holds the guest's config lock and the call did nothing;"
          + " repeat it once that task has ended)");
    }
    return sb.toString();
  }

  /**
   * Returns the HTTP status code.
   *
   * @return e.g. 400, 403, 500
   */
  public int status() {
    return status;
  }

  /**
   * Returns the server's error text (first line of the message), trimmed.
   *
   * @return the reason, empty if the server sent none
   */
  public String reason() {
    return reason;
  }

  /**
   * Returns the per-parameter errors of a parameter verification failure.
   *
   * @return parameter name to problem, empty when not a 400
   */
  public Map<String, String> errors() {
    return errors;
  }

  /**
   * Returns the HTTP method of the failed call.
   *
   * @return e.g. {@code POST}
   */
  public String method() {
    return method;
  }

  /**
   * Returns the API path of the failed call.
   *
   * @return e.g. {@code /nodes/pve/lxc}
   */
  public String path() {
    return path;
  }

  /**
   * Tells whether the resource does not exist (404, or Proxmox's "does not exist" 500).
   *
   * @return true when the target is missing
   */
  public boolean isNotFound() {
    if (status == 404) {
      return true;
    }
    String r = reason.toLowerCase(java.util.Locale.ROOT);
    return status == 500 && (r.contains("does not exist") || r.contains("no such "));
  }

  /**
   * Tells whether authentication or authorisation failed (401 or 403).
   *
   * @return true for 401 and 403
   */
  public boolean isAuth() {
    return status == 401 || status == 403;
  }

  /**
   * Tells whether repeating the same call later may succeed (proxy or gateway errors, lock timeouts).
   *
   * @return true for 502, 503, 504, 595, 596, 599 and config-lock timeouts
   */
  public boolean isRetryable() {
    return status == 502 || status == 503 || status == 504 || status == 595 || status == 596 || status == 599;
  }
}
