package dev.proximity.examples.server.config;

import java.util.Objects;

/**
 * A secret configuration value (password, token secret, signing key) that never prints itself.
 *
 * <p>{@link #toString()} returns a fixed mask; only {@link #reveal()} gives the value, at the one place
 * that hands it to the SDK or the signer. Immutable.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @param value the value, not empty
   * @return the secret
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
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

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
