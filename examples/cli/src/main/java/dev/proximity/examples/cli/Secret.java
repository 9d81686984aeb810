package dev.proximity.examples.cli;

import java.util.Objects;

/**
 * A secret value from the environment or a file: a token secret, a password, a key passphrase.
 *
 * <p>{@link #toString()} never shows the value; only {@link #reveal()} does, at the one place it is
 * handed to the SDK. Immutable.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a value.
   *
   * @param value the secret, not blank
   * @return the secret
   * @throws IllegalArgumentException if the value is blank
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("secret is empty");
    }
    return new Secret(value);
  }

  /**
   * Returns the value, to hand it to the SDK.
   *
   * @return the secret value
   */
  public String reveal() {
    return value;
  }

  /** Never shows the value. */
  @Override
  public String toString() {
    return "******";
  }
}
