package dev.proximity.examples.server.config;

/** A configuration that cannot be used; the message names the key and what is expected. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the key, the problem and the fix; never a secret value
   */
  public ConfigException(String message) {
    super(message);
  }
}
