package dev.proximity.pve;

import java.util.Map;

/**
 * A guest's configuration file was locked by another operation ({@code can't lock file ... got timeout}).
 *
 * <p>Retryable: the same call usually succeeds once the other operation ends. Immutable and thread-safe.
 */
public class ConfigLockedException extends PveApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param status HTTP status code (usually 500)
   * @param reason the server's error text
   * @param method HTTP method of the call
   * @param path API path of the call
   */
  public ConfigLockedException(int status, String reason, String method, String path) {
    super(status, reason, Map.of(), method, path);
  }

  /**
   * Tells whether a text is Proxmox's config-lock timeout message.
   *
   * @param text an error message or task exit status, may be null
   * @return true for {@code can't lock file '...' - got timeout}
   */
  public static boolean isLockTimeout(String text) {
    return text != null && text.contains("can't lock file") && text.contains("got timeout");
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
