package dev.proximity.examples.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret configuration value (a token secret, a password, a key passphrase, a signing key) that
 * never prints itself. Shared by the CLI and the server example, which both read such values from
 * files, the environment or flags.
 *
 * <p>{@link #toString()} returns a fixed mask; only {@link #reveal()} gives the value, at the one
 * place that hands it to the SDK or the signer. Immutable.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @param value the value, not blank
   * @return the secret
   * @throws IllegalArgumentException if the value is blank
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be empty or blank");
    }
    return new Secret(value);
  }

  /**
   * Returns the value, for the one consumer that needs it.
   *
   * @return the secret value
   */
  public String reveal() {
    return value;
  }

  /** Returns a mask, never the value. */
  @Override
  public String toString() {
    return "******";
  }

  /** Compares in constant time, so that a comparison does not leak how much of a value matched. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && MessageDigest.isEqual(
        s.value.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
