package dev.proximity.scheduler;

import java.util.Objects;

/**
 * A user name and a password or access token for a container registry, sent only to the token
 * service the registry names (or as HTTP basic auth when the registry asks for it).
 *
 * @param username the registry user
 * @param secret the password or personal access token; never logged or printed
 */
public record RegistryCredentials(String username, String secret) {

  /**
   * Validates the components.
   *
   * @param username the registry user
   * @param secret the password or personal access token; never logged or printed
   */
  public RegistryCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(secret, "secret");
  }

  /** Shows the user name only. */
  @Override
  public String toString() {
    return "RegistryCredentials[" + username + ", secret=***]";
  }
}
